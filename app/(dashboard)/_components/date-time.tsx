import { getViewer } from "@/lib/auth/session";
import { zoneOf } from "@/lib/auth/viewer";
import { formatDateTime, formatDateTimeWithZone } from "@/lib/format";
import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";

/**
 * A date and time in the viewer's zone; `withZone` adds the offset for a date shown on its own.
 * A server component: the zone comes from the request's session (read once per request), and
 * the text is in the HTML, so no date library reaches the browser. A client component that
 * shows a time gets this element from its server parent (as a prop or children).
 */
export async function DateTime({ value, withZone = false, className }: { value: Date | string; withZone?: boolean; className?: string }) {
  const viewer = await getViewer();
  const zone = viewer ? zoneOf(viewer) : DEFAULT_TIME_ZONE;
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} className={className}>
      {withZone ? formatDateTimeWithZone(iso, zone) : formatDateTime(iso, zone)}
    </time>
  );
}
