"use client";

/**
 * Signs out through next-auth and lands on the sign-in page. next-auth/react is loaded on the
 * click, not with every page: signing out is never part of a first paint.
 */
export async function signOutToLogin(): Promise<void> {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/login" });
}
