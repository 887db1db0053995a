import { createHash } from "node:crypto";

/**
 * Deterministic ids and the anchor date: the same seed yields the same history on every run, so
 * demos, screenshots and tests can name concrete records. Only access IDs and request IDs are
 * random (see secure-ids.ts), because they are bearer credentials. The PRNG itself is shared
 * with the USAePay emulator (sandbox/shared/prng.ts).
 */

/** A UUID-shaped id derived from a namespace and a counter (stable across runs). */
export function deterministicUuid(namespace: string, counter: number): string {
  const hex = createHash("sha256").update(`${namespace}:${counter}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Start of the current UTC day, or SANDBOX_ANCHOR_DATE when set (same rule as the USAePay emulator). */
export function resolveAnchorDate(explicit?: Date): Date {
  if (explicit) return explicit;
  const pinned = process.env.SANDBOX_ANCHOR_DATE;
  if (pinned) {
    const parsed = new Date(pinned);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
