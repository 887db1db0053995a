import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";
import type { RoleName } from "./permissions";

/**
 * Who is asking: the signed-in, active user of this request, as lib/auth/session.ts reads it
 * from the database. Every public DAL function takes one first. A plain type, so presentational
 * components can be handed one without importing the session module.
 */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  /** The user's IANA time zone; absent until one is saved (the browser's, on first sign-in). */
  timeZone?: string;
  /** The server-side session this request runs in (lib/auth/sessions.ts): what step-up checks. */
  sessionId?: string;
}

/** The zone every date is shown and filtered in for this viewer. */
export function zoneOf(viewer: Pick<Viewer, "timeZone">): string {
  return viewer.timeZone ?? DEFAULT_TIME_ZONE;
}
