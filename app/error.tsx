"use client";

import { buttonVariants } from "@/components/ui/button-variants";

// Shown instead of a stack trace. Next passes only a digest to the browser in production.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center" data-testid="error-page">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">The page could not be shown. Try again; if it keeps happening, contact support.</p>
      <button type="button" onClick={reset} className={buttonVariants()}>
        Try again
      </button>
    </main>
  );
}
