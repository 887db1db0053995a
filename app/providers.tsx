"use client";

import type { ReactNode } from "react";
import { LazyToaster } from "@/components/ui/toaster";

/**
 * What every page shares. React Query is not here: only the sync status polls, and it loads
 * React Query itself when its first poll is due (app/(dashboard)/m/[merchant]/_components/use-sync-status.ts).
 * The Toaster mounts with the first toast (components/ui/toaster.tsx).
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <LazyToaster />
    </>
  );
}
