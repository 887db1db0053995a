import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { asObject, parseJsonBody } from "./request-fields";

/** API-level error body `{"error","errorcode"}` (docs/usaepay-api.md, "Error model"; statuses: "Interpretations"). */
export function apiError(c: Context, status: ContentfulStatusCode, error: string, errorcode: number): Response {
  return c.json({ error, errorcode }, status);
}

/**
 * The documented status lines are "HTTP/1.1 429 API Rate Limit Exceed" and "HTTP/1.1 401 Access Denied".
 * Fetch Responses cannot carry a reason phrase through @hono/node-server, so set it on Node's response.
 */
export function setReasonPhrase(c: Context, reason: string): void {
  const outgoing = (c.env as { outgoing?: { statusMessage?: string } } | undefined)?.outgoing;
  if (outgoing) outgoing.statusMessage = reason;
}

export const notFoundBody = { error: "Path not found", errorcode: 21001 } as const;

/** limit 1–1000 (clamped), junk or ≤0 → default; offset ≥ 0 (docs/usaepay-api.md, "List paging", "Interpretations"). */
export function listWindow(c: Context, defaultLimit = 20): { limit: number; offset: number } {
  const rawLimit = Number.parseInt(c.req.query("limit") ?? "", 10);
  const rawOffset = Number.parseInt(c.req.query("offset") ?? "", 10);
  const limit = Number.isFinite(rawLimit) && rawLimit > 0 ? Math.min(rawLimit, 1000) : defaultLimit;
  const offset = Number.isFinite(rawOffset) && rawOffset > 0 ? rawOffset : 0;
  return { limit, offset };
}

/** The documented list envelope; `total` is a string like the live service sends. */
export function listBody(data: unknown[], total: number, window: { limit: number; offset: number }) {
  return { type: "list", limit: window.limit, offset: window.offset, data, total: String(total) };
}

export async function readBody(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const text = await c.req.text();
  const parsed = parseJsonBody(text);
  if (!parsed.ok) return { ok: false, response: apiError(c, 400, "Unable to parse request body as JSON", 21004) };
  return parsed;
}

/** The JSON object of a control-plane call: {} when empty, undefined when not JSON. */
export async function controlBody(c: { req: { text(): Promise<string> } }): Promise<Record<string, unknown> | undefined> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return asObject(JSON.parse(text)) ?? {};
  } catch {
    return undefined;
  }
}

export function queryFlag(c: Context, name: string): boolean {
  const value = c.req.query(name);
  return value !== undefined && value !== "0" && value.toLowerCase() !== "false";
}
