import "server-only";
import type { GatewayErrorKind } from "./errors";

/**
 * The taxonomy's default reading of an HTTP status, for mappers to fall back on when the body
 * carries nothing more specific. 408/425 are treated as transient like 5xx.
 */
export function kindForStatus(status: number): GatewayErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "authentication";
  if (status === 404 || status === 410) return "not_found";
  if (status === 408 || status === 425 || status >= 500) return "unavailable";
  if (status >= 400) return "validation";
  return "bad_shape";
}
