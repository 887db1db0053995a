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
  /** The server-side session this request runs in (lib/auth/sessions.ts): what step-up checks. */
  sessionId?: string;
}
