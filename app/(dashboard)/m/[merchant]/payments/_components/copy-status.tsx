"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { refreshClientpayPaymentsAction } from "@/lib/actions/clientpay";
import type { ClientpayCopyDto } from "@/lib/dal/clientpay-payments";
import { formatAgeAt } from "@/lib/format-numbers";

const noSubscribe = () => () => {};

function ago(iso: string | null, now: number): string {
  return iso ? `updated ${formatAgeAt(iso, now)}` : "not copied yet";
}

/**
 * How fresh the local copy of ClientPay payments is, a Refresh button, and progress while a run
 * goes (the server-rendered table re-renders every 2 s until it ends).
 */
export function CopyStatus({ merchant, copy }: { merchant: string; copy: ClientpayCopyDto }) {
  const router = useRouter();
  const [state, refresh, pending] = useActionState(refreshClientpayPaymentsAction, IDLE);
  // The server's clock first, so hydration renders the very text the server did (React #418
  // otherwise, whenever a second passed in between); then this browser's (as SyncStatus does).
  const [now, setNow] = useState(() => Date.parse(copy.checkedAt));
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const running = copy.status === "running";

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    // Refresh started a run: show it at once (the interval below then follows it).
    if (state.status === "success") router.refresh();
  }, [state, router]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [running, router]);

  return (
    <div className="flex flex-col items-start gap-1 sm:items-end" data-testid="copy-status" data-hydrated={hydrated ? "true" : undefined} data-status={copy.status}>
      <div className="flex items-center gap-3">
        <span className="text-sm text-slate-600" aria-live="polite">
          {copy.status === "running"
            ? `Copying from ClientPay: ${copy.processed.toLocaleString("en-US")}${copy.upstreamTotal ? ` of ${copy.upstreamTotal.toLocaleString("en-US")}` : ""}`
            : ago(copy.lastSuccessAt, now)}
        </span>
        <form action={refresh}>
          <input type="hidden" name="merchant" value={merchant} />
          <Button type="submit" variant="secondary" size="sm" disabled={pending} data-testid="copy-refresh">
            {pending ? "Starting…" : "Refresh"}
          </Button>
        </form>
      </div>
      {copy.lastError && (
        <span className="max-w-md text-xs text-red-700" data-testid="copy-error">
          The last refresh failed: {copy.lastError}
        </span>
      )}
    </div>
  );
}
