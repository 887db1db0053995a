import "server-only";

/**
 * Request headers proxy.ts sets on every request it passes on (overwriting anything a client
 * sent under these names), for the server code behind it to read.
 */
/** "1" for a page view or a server action (restarts the idle timer), "0" for background requests. */
export const ACTIVITY_HEADER = "x-paydesk-activity";
/** The path and query of the page asked for, to come back to after signing in. */
export const PATH_HEADER = "x-paydesk-path";
/** The per-request CSP nonce (Next also reads it from the Content-Security-Policy request header). */
export const NONCE_HEADER = "x-nonce";

/**
 * What restarts the idle timer: a page view (a document or a navigation's RSC request) and a
 * server action. Not background requests: route handlers under /api (the sync progress poll,
 * the idle warning's own status check, next-auth's session endpoint) and link prefetches.
 */
export function countsAsActivity(request: { method: string; pathname: string; has: (header: string) => boolean; get: (header: string) => string | null }): boolean {
  if (request.method === "POST" && request.has("next-action")) return true;
  if (request.pathname.startsWith("/api/")) return false;
  if (request.has("next-router-prefetch") || request.get("purpose") === "prefetch") return false;
  return request.method === "GET" || request.method === "HEAD";
}
