import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { isGatewayError } from "@/lib/payments/http";
import type { UsaepayClient } from "@/lib/payments/usaepay";
import { budgetFor } from "@/lib/sync";
import type { MerchantDto } from "./merchant-access";

/**
 * The one live-or-local-copy read behind both detail pages (a customer, a transaction): try
 * USAePay now and write the answer back to the mirror; when that cannot be done in time,
 * the page shows the mirror's copy, marked with why. People never wait on the sync's budget.
 *
 * When USAePay answers "not found" for the key (with this account's own credentials), the
 * record no longer exists upstream: its local copy is dropped and the page is a 404, for
 * customers and transactions alike. A page never shows a copy of what the gateway says is gone.
 */
export const LIVE_READ = {
  /** Per attempt: short enough that one retry still fits in the deadline. */
  attemptMs: 3000,
  /** Over the whole live read, retries included; then the page falls back. */
  deadlineMs: 4000,
} as const;

/** "live": fetched from USAePay just now; "mirror": the local copy, with why. */
export interface LiveRead {
  source: "live" | "mirror";
  fallbackReason?: string;
}

interface LiveReadSpec<T> {
  merchant: MerchantDto;
  /** For logs: which kind of record. */
  record: "customer" | "transaction" | "batch" | "batches";
  fetch: (client: UsaepayClient, signal: AbortSignal) => Promise<T>;
  /** Writes the live answer to the mirror. */
  store: (live: T) => Promise<unknown>;
  /** Drops the local copy after an upstream "not found". */
  drop: () => Promise<unknown>;
  /**
   * What "not found" upstream does after the drop: a page answers 404 (the default); a money
   * action's guardrail gets an AppError it can show ("USAePay has no such transaction").
   */
  missing?: "not_found_page" | "app_error";
  /** Tests inject the emulator's in-process fetch. */
  deps?: Pick<GatewayDeps, "fetch">;
}

/** The key's minute is spent (or paused after a 429): no live call, straight to the copy. */
class BudgetSpentError extends Error {
  constructor() {
    super("upstream budget spent");
    this.name = "BudgetSpentError";
  }
}

export async function readLive<T>(spec: LiveReadSpec<T>): Promise<LiveRead> {
  const merchantId = spec.merchant.id;
  try {
    const budget = await budgetFor(merchantId);
    if (await budget.isExhausted()) throw new BudgetSpentError();
    const client = await usaepayClientFor(spec.merchant, { fetch: spec.deps?.fetch, timeoutMs: LIVE_READ.attemptMs, onRateLimit: (info) => void budget.record(info).catch(() => undefined) });
    // Only a record of this account comes back: the key was looked up with this account's credentials.
    await spec.store(await spec.fetch(client, AbortSignal.timeout(LIVE_READ.deadlineMs)));
    return { source: "live" };
  } catch (error) {
    if (isGatewayError(error) && error.kind === "not_found") {
      await spec.drop();
      if (spec.missing === "app_error") throw new AppError("not_found", error.userMessage);
      notFound();
    }
    if (error instanceof AppError && error.code === "no_credentials") return { source: "mirror", fallbackReason: error.userMessage };
    if (error instanceof BudgetSpentError) return { source: "mirror", fallbackReason: "USAePay's rate limit for this account is used up for the moment." };
    if (isGatewayError(error)) return { source: "mirror", fallbackReason: error.userMessage };
    logger.warn({ merchantId, record: spec.record, err: error instanceof Error ? error.name : "unknown" }, "live detail read failed");
    return { source: "mirror", fallbackReason: "USAePay could not be reached." };
  }
}
