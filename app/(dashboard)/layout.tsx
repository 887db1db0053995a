import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireViewer } from "@/lib/auth/session";
import { TimeZoneProbe } from "./_components/time-zone-probe";

// A layout is not a gate (it does not re-run on every navigation); each page checks too.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return (
    <AppShell viewer={viewer}>
      {!viewer.timeZone && <TimeZoneProbe />}
      {children}
    </AppShell>
  );
}
