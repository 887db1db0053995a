import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { apiError, setReasonPhrase } from "./http-helpers";
import { formatRateLimitHeader } from "./rate-limits";
import type { ApiKeyEntry, EmulatorState } from "./state";
import type { MerchantStore } from "./store";

/**
 * Order of checks on every /api/{endpointKey}/... call: IP allow-list (401/156, not counted), rate
 * limit (429/155), then authentication (401/21002 or 23). Every answer carries X-Rate-Limit.
 * USAePay counts per endpoint key and client IP (docs/usaepay-api.md, "Rate limits"): an endpoint
 * key's own limit applies to every API key; a per-key override (an emulator aid for tests) is used
 * only on endpoint keys without one, and then counts in a bucket of its own.
 */
export interface GateVariables {
  apiKey: ApiKeyEntry;
  merchant: MerchantStore;
  clientIp: string;
  endpointKey: string;
}

export type GateEnv = { Variables: GateVariables };

export function basicUser(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function endpointKeyOf(path: string): string {
  return path.split("/")[2] ?? "";
}

function hashMatches(entry: ApiKeyEntry, password: string): boolean {
  const match = /^s2\/([^/]+)\/([0-9a-fA-F]{64})$/.exec(password);
  if (!match) return false;
  const expected = createHash("sha256").update(entry.apiKey + match[1] + entry.pin, "utf8").digest();
  return timingSafeEqual(expected, Buffer.from((match[2] as string).toLowerCase(), "hex"));
}

export function gateMiddleware(state: EmulatorState, clientIpOf: (c: Context) => string): MiddlewareHandler<GateEnv> {
  return async (c, next) => {
    const endpointKey = endpointKeyOf(c.req.path);
    const clientIp = clientIpOf(c);
    const credentials = basicUser(c.req.header("Authorization"));
    const claimedKey = credentials ? state.keys.get(credentials.user) : undefined;
    const counters = state.countersFor(credentials?.user ?? "(no key)");
    const endpoint = state.endpoints.get(endpointKey);

    const keyOverride = endpoint?.limits ? undefined : claimedKey?.limits;
    const limits = endpoint?.limits ?? keyOverride ?? state.settings.defaultLimits;
    const bucket = keyOverride ? `${endpointKey}|${clientIp}|key:${claimedKey?.apiKey}` : `${endpointKey}|${clientIp}`;

    // Both the endpoint key's and the API key's allow-lists apply when both are set.
    const blockedBy = [endpoint?.ipAllowList, claimedKey?.ipAllowList].some((list) => list && !list.includes(clientIp));
    if (blockedBy) {
      counters.ipBlocked += 1;
      c.header("X-Rate-Limit", formatRateLimitHeader(await state.rateLimits.peek(bucket, limits)));
      setReasonPhrase(c, "Access Denied");
      return apiError(c, 401, "Access Denied", 156);
    }

    const decision = await state.rateLimits.consume(bucket, limits);
    c.header("X-Rate-Limit", formatRateLimitHeader(decision));
    if (!decision.allowed) {
      counters.rateLimited += 1;
      if (decision.retryAfterSeconds) c.header("Retry-After", String(decision.retryAfterSeconds));
      setReasonPhrase(c, "API Rate Limit Exceed");
      return apiError(c, 429, "API Rate Limit Exceed", 155);
    }

    if (!credentials) {
      counters.authFailures += 1;
      return apiError(c, 401, "API authentication failed", 21002);
    }
    if (!claimedKey) {
      counters.authFailures += 1;
      return apiError(c, 401, "Specified source key not found.", 23);
    }
    if (!hashMatches(claimedKey, credentials.password)) {
      counters.authFailures += 1;
      return apiError(c, 401, "API authentication failed", 21002);
    }
    const merchant = state.merchants.get(claimedKey.merchantId);
    if (!merchant) return apiError(c, 401, "Specified source key not found.", 23);
    c.set("apiKey", claimedKey);
    c.set("merchant", merchant);
    c.set("clientIp", clientIp);
    c.set("endpointKey", endpointKey);
    await next();
  };
}
