"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOutToLogin } from "./sign-out";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOutToLogin();
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
