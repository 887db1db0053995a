"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";

// Toasts are never on first paint: sonner loads after hydration (a toast raised before the
// Toaster mounts is replayed when it subscribes), and lib toasts load it the same way.
const Toaster = dynamic(() => import("sonner").then((sonner) => sonner.Toaster), { ssr: false });

/**
 * What every page shares. React Query is not here: only the pages that poll (the mirror's sync
 * status) load it, through their own provider (app/(dashboard)/m/[merchant]/_components/query-provider.tsx).
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <Toaster position="top-right" richColors closeButton />
    </>
  );
}
