"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";

// next-auth reports failures by code: CredentialsSignin, or the error authorize() threw.
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an active account.",
  AccountLocked: "Too many failed sign-in attempts: sign-in is locked for 30 minutes, or until an admin unlocks it.",
};
const FALLBACK = "Sign-in is unavailable right now. Try again in a moment.";

export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      // Loaded on submit: next-auth/react is not needed to paint the form.
      const { signIn } = await import("next-auth/react");
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(MESSAGES[result?.error ?? ""] ?? FALLBACK);
        setPending(false);
        return;
      }
      router.replace(callbackPath);
      router.refresh();
    } catch {
      setError(FALLBACK);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate={false}>
      {error && (
        <Notice tone="error" data-testid="login-error">
          {error}
        </Notice>
      )}
      <Field id="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
