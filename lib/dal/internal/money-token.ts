import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * One-time form tokens for money movement. A page that offers a refund, void, capture,
 * charge or payment embeds a token the server signed for exactly that viewer, account,
 * operation and target; the action that receives it stores the token's nonce (unique)
 * before calling the gateway, so a double click, a replayed POST or a second tab with the
 * same form can never make a second call. The token is signed rather than stored so that
 * viewing a page writes nothing; it is not a secret (it only names what the form may do).
 */

export interface MoneyTokenBinding {
  viewerId: string;
  merchantId: string;
  /** e.g. "usaepay.refund", "clientpay.payment". */
  operation: string;
  /** The transaction, customer, payer or payment the form acts on. */
  targetKey: string;
}

/** Long enough for a person to read the form and fill in a reason; short enough that old tabs go stale. */
export const MONEY_TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;

// Derived, so the session secret itself never signs anything but sessions.
const signingKey = Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, "paydesk", "money-form-token v1", 32));

function signature(binding: MoneyTokenBinding, nonce: string, expiresAt: number): string {
  const message = [binding.viewerId, binding.merchantId, binding.operation, binding.targetKey, nonce, expiresAt].join("\n");
  return createHmac("sha256", signingKey).update(message).digest("base64url");
}

export interface IssueOptions {
  /**
   * How many attempts (and requests) the target has had so far. With it, every form issued for
   * the same viewer, account, operation and target between two attempts carries the same nonce:
   * a second tab opened before the first one submitted answers with the first one's result
   * instead of moving money again. Without it, every token is random.
   */
  generation?: number;
}

function deterministicNonce(binding: MoneyTokenBinding, generation: number): string {
  const message = ["nonce", binding.viewerId, binding.merchantId, binding.operation, binding.targetKey, generation].join("\n");
  return createHmac("sha256", signingKey).update(message).digest().subarray(0, 18).toString("base64url");
}

export function issueMoneyToken(binding: MoneyTokenBinding, now: number = Date.now(), options: IssueOptions = {}): string {
  const nonce = options.generation === undefined ? randomBytes(18).toString("base64url") : deterministicNonce(binding, options.generation);
  const expiresAt = now + MONEY_TOKEN_LIFETIME_MS;
  return `${nonce}.${expiresAt}.${signature(binding, nonce, expiresAt)}`;
}

export type TokenCheck = { ok: true; nonce: string } | { ok: false; reason: "malformed" | "forged" | "expired" };

/** Checks a token against what the action is about to do; the nonce is the attempt's unique key. */
export function checkMoneyToken(token: string, binding: MoneyTokenBinding, now: number = Date.now()): TokenCheck {
  const [nonce, expiresText, given, ...rest] = token.split(".");
  if (nonce === undefined || expiresText === undefined || given === undefined || rest.length > 0) return { ok: false, reason: "malformed" };
  const expiresAt = Number(expiresText);
  if (!/^[\w-]{24}$/.test(nonce) || !Number.isSafeInteger(expiresAt)) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(signature(binding, nonce, expiresAt));
  const received = Buffer.from(given);
  // A token signed for another viewer, account, operation or target fails here too.
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) return { ok: false, reason: "forged" };
  if (expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, nonce };
}
