"use client";

import { createContext, useContext, type ReactNode } from "react";
import { formatDateTime, formatDateTimeWithZone } from "@/lib/format";
import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";

/**
 * The viewer's time zone for client components, set once by the dashboard shell from the
 * server's session. Formatting is a pure function of (instant, zone), so the server's HTML and
 * the browser's hydration print the same text.
 */
const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/** A date and time in the viewer's zone; `withZone` adds the offset for a date shown on its own. */
export function DateTime({ value, withZone = false, className }: { value: Date | string; withZone?: boolean; className?: string }) {
  const zone = useTimeZone();
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} className={className}>
      {withZone ? formatDateTimeWithZone(iso, zone) : formatDateTime(iso, zone)}
    </time>
  );
}
