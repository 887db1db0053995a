"use client";

import { useState } from "react";
import { buttonVariants } from "@/components/ui/button-variants";
import { signOutToLogin } from "./sign-out";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={buttonVariants({ variant: "secondary", size: "sm" })}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOutToLogin();
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
