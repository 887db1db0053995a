import { Suspense, type ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { idlePolicy, requireViewer } from "@/lib/auth/session";
import { LazyIdleWatcher } from "./_components/idle-watcher-lazy";
import { TimeZoneProbe } from "./_components/time-zone-probe";

// A layout is not a gate (it does not re-run on every navigation); each page checks too.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const { idleMs, warningMs } = idlePolicy();
  return (
    <AppShell viewer={viewer}>
      {!viewer.timeZone && <TimeZoneProbe />}
      {children}
      <Suspense>
        <LazyIdleWatcher idleMs={idleMs} warningMs={warningMs} />
      </Suspense>
    </AppShell>
  );
}
