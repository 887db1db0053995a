"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { keepSessionAliveAction } from "@/lib/actions/account";
import { signOutToLogin } from "@/components/shell/sign-out";

type Status = { signedIn: false } | { signedIn: true; idleRemainingMs: number; absoluteRemainingMs: number };

async function fetchStatus(): Promise<Status | null> {
  try {
    const response = await fetch("/api/session", { cache: "no-store" });
    if (response.status === 401) return { signedIn: false };
    if (!response.ok) return null;
    return (await response.json()) as Status;
  } catch {
    return null; // offline or a hiccup: the next check decides
  }
}

/**
 * The idle timeout, as people see it: a warning `warningMs` before the server signs the session
 * out for inactivity, with "Stay signed in"; and, once it has ended, a clear "your session
 * ended" with a sign-in that comes back to this page. The server is the judge (GET
 * /api/session, which itself does not count as activity): the local timer only decides when
 * to ask. Page views and actions restart the server's timer, so navigating re-arms it here too.
 */
export function IdleWatcher({ idleMs, warningMs }: { idleMs: number; warningMs: number }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [phase, setPhase] = useState<"active" | "warning" | "ended">("active");
  const [secondsLeft, setSecondsLeft] = useState(0);
  const deadline = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Timers call the latest check() through this ref (check re-arms timers that call it again).
  const checkLater = useRef<() => void>(() => undefined);

  const check = useCallback(async () => {
    const status = await fetchStatus();
    clearTimeout(timer.current);
    if (!status) {
      timer.current = setTimeout(() => checkLater.current(), 10_000);
      return;
    }
    if (!status.signedIn) {
      setPhase("ended");
      return;
    }
    const remaining = Math.min(status.idleRemainingMs, status.absoluteRemainingMs);
    deadline.current = Date.now() + remaining;
    if (remaining > warningMs) {
      setPhase("active");
      timer.current = setTimeout(() => checkLater.current(), remaining - warningMs);
      return;
    }
    setPhase("warning");
    setSecondsLeft(Math.ceil(remaining / 1000));
    // Ask again when it should have ended: it may have been extended in another tab.
    timer.current = setTimeout(() => checkLater.current(), remaining + 500);
  }, [warningMs]);

  useEffect(() => {
    checkLater.current = () => void check();
  }, [check]);

  // Mounting, and every navigation (a page view the server counted): wait until the warning is due.
  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => checkLater.current(), Math.max(0, idleMs - warningMs));
    return () => clearTimeout(timer.current);
  }, [pathname, search, idleMs, warningMs]);

  // Coming back to the tab: the session may have ended meanwhile.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") void check();
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
    };
  }, [check]);

  useEffect(() => {
    if (phase !== "warning") return;
    const tick = setInterval(() => setSecondsLeft(Math.max(0, Math.ceil((deadline.current - Date.now()) / 1000))), 1000);
    return () => clearInterval(tick);
  }, [phase]);

  async function staySignedIn() {
    const result = await keepSessionAliveAction(IDLE, new FormData());
    if (result.status === "success") await check();
    else setPhase("ended");
  }

  if (phase === "active") return null;
  const here = `${pathname}${search ? `?${search}` : ""}`;

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-description"
        className="w-full max-w-md rounded-lg bg-white p-6 shadow-xl"
        data-testid={phase === "warning" ? "idle-warning" : "session-ended-dialog"}
      >
        {phase === "warning" ? (
          <>
            <h2 id="idle-title" className="text-lg font-semibold">Still there?</h2>
            <p id="idle-description" className="mt-2 text-sm text-slate-600">
              For security, you will be signed out after a period without activity{secondsLeft > 0 ? ` (in about ${secondsLeft} s)` : ""}.
            </p>
            <div className="mt-6 flex justify-end gap-2">
              <Button variant="secondary" onClick={() => void signOutToLogin()}>
                Sign out
              </Button>
              <Button onClick={() => void staySignedIn()} autoFocus>
                Stay signed in
              </Button>
            </div>
          </>
        ) : (
          <>
            <h2 id="idle-title" className="text-lg font-semibold">Your session ended</h2>
            <p id="idle-description" className="mt-2 text-sm text-slate-600">
              You were signed out (after a period without activity, or from another place). Sign in again to come back to this page.
            </p>
            <div className="mt-6 flex justify-end">
              <a href={`/login?callbackUrl=${encodeURIComponent(here)}&reason=ended`} className={buttonVariants()} autoFocus>
                Sign in again
              </a>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
