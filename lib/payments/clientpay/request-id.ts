import "server-only";
import { createHash } from "node:crypto";
import { inspect } from "node:util";

/**
 * A ClientPay request ID as the client hands it out (docs/clientpay-api.md, "Request IDs").
 *
 * Request IDs are single-use bearer values: logs, errors, HTML and DTOs must never carry one.
 * This wrapper makes that the default: printing, logging or serialising it yields a mask, and
 * the raw value comes out only through `reveal()`, which the DAL calls to seal it in the vault
 * (so an unknown outcome can be reconciled later by a search by request ID). `fingerprint()` is
 * a SHA-256 hex digest, safe to store in the clear and to index: a request ID is a random UUID,
 * so the digest cannot be turned back into it, and it matches search results without opening
 * the sealed copy.
 */
const MASK = "[ClientPay request ID]";

export function requestIdFingerprint(raw: string): string {
  return createHash("sha256").update(raw.trim().toLowerCase()).digest("hex");
}

export class ClientpayRequestId {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The raw value: only to seal it, or to send it back to ClientPay (search, a page's expiry). */
  reveal(): string {
    return this.#value;
  }

  fingerprint(): string {
    return requestIdFingerprint(this.#value);
  }

  /** Same request ID as another handle or a raw value (case-insensitive, as ClientPay compares). */
  matches(other: ClientpayRequestId | string | null | undefined): boolean {
    if (other == null) return false;
    const raw = typeof other === "string" ? other : other.reveal();
    return raw.trim().toLowerCase() === this.#value.trim().toLowerCase();
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}

/** Told the request ID of a call just before the call goes out (after Generate Request ID). */
export type RequestIdListener = (requestId: ClientpayRequestId) => void | Promise<void>;

export interface TokenCallOptions {
  /**
   * Awaited before the call is sent: the DAL records the (sealed) request ID on its attempt
   * row here, so a crash or timeout after sending can still be reconciled by a search. If it
   * throws, the call is not sent (the unused request ID is simply never presented).
   */
  onRequestId?: RequestIdListener;
}
