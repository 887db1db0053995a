"use client";

import dynamic from "next/dynamic";
import { useSyncExternalStore } from "react";

// sonner (~10 KB gzip) loads only when a page first raises a toast: most visits never do, and
// loading it right after hydration put its work into every page's first seconds (Lighthouse's
// blocking time). A toast raised before the Toaster subscribes is shown once it does (sonner
// replays its active toasts to a new subscriber).
const SonnerToaster = dynamic(() => import("sonner").then((sonner) => sonner.Toaster), { ssr: false });

let wanted = false;
const listeners = new Set<() => void>();

/** Called before the first toast: mounts the page's Toaster (once). */
export function mountToaster(): void {
  if (wanted) return;
  wanted = true;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where toasts appear; mounted on the first mountToaster(), not with the page (never on the server). */
export function LazyToaster() {
  const mounted = useSyncExternalStore(subscribe, () => wanted, () => false);
  return mounted ? <SonnerToaster position="top-right" richColors closeButton /> : null;
}
