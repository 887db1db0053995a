import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { interactiveTimeoutMs, usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { isGatewayError, type RateLimitInfo } from "@/lib/payments/http";
import type { UsaepayClient } from "@/lib/payments/usaepay";
import { interactiveBudgetFor, recordInteractiveCall } from "@/lib/sync";
import type { MerchantDto } from "./merchant-access";

/**
 * A live read someone is waiting on because a decision hangs on it: the check before a money
 * action is sent, the open batch a Close batch form names, a batch's detail. Detail pages do not
 * use it (they show the mirror and refresh it in the background: ./live-detail.ts).
 *
 * It takes one call from the budget's reserve for staff ("read": it stops short of the last
 * calls, which money actions keep), writes the answer to the mirror, and falls back to the
 * mirror's copy, marked with why, when USAePay cannot be asked in time. When USAePay answers
 * "not found" with this account's own credentials, the local copy is dropped: a page answers
 * 404, a money action's guard an AppError it can show.
 */
export interface LiveRead {
  /** "live": fetched from USAePay just now; "mirror": the local copy, with why. */
  source: "live" | "mirror";
  fallbackReason?: string;
}

export interface LiveReadSpec<T> {
  merchant: MerchantDto;
  /** For logs: which kind of record. */
  record: "customer" | "transaction" | "batch" | "batches";
  fetch: (client: UsaepayClient, signal: AbortSignal) => Promise<T>;
  /** Writes the live answer to the mirror. */
  store: (live: T) => Promise<unknown>;
  /** Drops the local copy after an upstream "not found". */
  drop: () => Promise<unknown>;
  missing?: "not_found_page" | "app_error";
  /** Tests inject the emulator's in-process fetch. */
  deps?: Pick<GatewayDeps, "fetch">;
}

const SPENT = "USAePay's rate limit for this account is used up for the moment.";

export async function readLive<T>(spec: LiveReadSpec<T>): Promise<LiveRead> {
  const grant = await interactiveBudgetFor(spec.merchant).take("read");
  if (!grant.ok) return { source: "mirror", fallbackReason: SPENT };
  let rateLimit: RateLimitInfo | undefined;
  try {
    const client = await usaepayClientFor(spec.merchant, { fetch: spec.deps?.fetch, onRateLimit: (info) => (rateLimit = info) });
    // Only a record of this account comes back: the key was looked up with this account's credentials.
    const live = await spec.fetch(client, AbortSignal.timeout(interactiveTimeoutMs()));
    await recordInteractiveCall(grant, { rateLimit });
    await spec.store(live);
    return { source: "live" };
  } catch (error) {
    await recordInteractiveCall(grant, { rateLimit, error });
    if (isGatewayError(error) && error.kind === "not_found") {
      await spec.drop();
      if (spec.missing === "app_error") throw new AppError("not_found", error.userMessage);
      notFound();
    }
    if (error instanceof AppError && (error.code === "no_credentials" || error.code === "gateway_host_not_allowed")) return { source: "mirror", fallbackReason: error.userMessage };
    if (isGatewayError(error)) return { source: "mirror", fallbackReason: error.kind === "rate_limited" ? SPENT : error.userMessage };
    logger.warn({ merchantId: spec.merchant.id, record: spec.record, err: error instanceof Error ? error.name : "unknown" }, "live read failed");
    return { source: "mirror", fallbackReason: "USAePay could not be reached." };
  }
}
