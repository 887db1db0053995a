import "server-only";
import type { ActionState } from "@/lib/actions/action-state";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { formatCents } from "@/lib/format";
import { usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import type { UsaepayClient } from "@/lib/payments/usaepay";
import type { RequestMeta } from "@/lib/request-meta";
import { withInteractiveBudget } from "@/lib/sync";
import type { MerchantDto } from "../merchant-access";
import type { MoneyAttemptDto } from "../money-attempts";
import type { MoneyTokenBinding } from "../money-token";
import type { TransactionDto } from "../mirror-transactions";

/** What every USAePay money operation runs with: who, from where, on which (access-checked) account. */
export interface MoneyContext {
  viewer: Viewer;
  meta: RequestMeta;
  merchant: MerchantDto;
  /** Tests inject the emulator's in-process fetch. */
  deps?: Pick<GatewayDeps, "fetch">;
  now?: () => Date;
}

/** Operations and the USAePay command each sends (docs/usaepay-api.md, "Transaction commands"). */
export const OPERATIONS = {
  refund: { permission: "transactions:refund", command: "refund" },
  void: { permission: "transactions:void", command: "void" },
  capture: { permission: "transactions:capture", command: "cc:capture" },
  adjust: { permission: "transactions:adjust", command: "cc:adjust" },
  charge: { permission: "customers:charge", command: "customer:sale" },
  batch_close: { permission: "batches:close", command: "batches/current/close" },
} as const satisfies Record<string, { permission: Permission; command: string }>;
export type UsaepayOperation = keyof typeof OPERATIONS;

export function isUsaepayOperation(value: string): value is UsaepayOperation {
  return value in OPERATIONS;
}

export function bindingFor(ctx: Pick<MoneyContext, "viewer" | "merchant">, operation: UsaepayOperation, targetKey: string): MoneyTokenBinding {
  return { viewerId: ctx.viewer.id, merchantId: ctx.merchant.id, operation: `usaepay.${operation}`, targetKey };
}

/**
 * One money call (or the read that guards or reconciles one), through the account's upstream
 * budget as staff work: taken from the reserve the sync leaves, never waiting behind the sync,
 * refused with nothing sent when even that is spent; what X-Rate-Limit says is recorded so the
 * sync and other instances adapt (docs/usaepay-api.md, "Rate limits"). The client is never
 * retried (it refuses to retry a write) and has the money timeout.
 */
export function moneyCall<T>(ctx: Pick<MoneyContext, "merchant" | "deps">, run: (client: UsaepayClient) => Promise<T>): Promise<T> {
  return withInteractiveBudget(ctx.merchant, "action", async ({ onRateLimit }) =>
    run(await usaepayClientFor(ctx.merchant, { fetch: ctx.deps?.fetch, timeoutMs: env.USAEPAY_MONEY_TIMEOUT_SECONDS * 1000, onRateLimit })),
  );
}

/** USAePay sends a card's brand as a short code (`creditcard.type`, e.g. "V"); people read names. */
const BRANDS: Record<string, string> = { V: "Visa", M: "MasterCard", A: "Amex", DS: "Discover", D: "Discover" };

/** The card (masked) and customer restated in confirmations and audit rows. Never more than the last four. */
export function maskedFacts(tx: Pick<TransactionDto, "cardBrand" | "cardMasked" | "checkMasked" | "cardholder" | "customerEmail">) {
  const brand = tx.cardBrand ? (BRANDS[tx.cardBrand] ?? tx.cardBrand) : "Card";
  return {
    card: tx.cardMasked ? `${brand} ••••${tx.cardMasked.slice(-4)}` : tx.checkMasked ? `Check ••••${tx.checkMasked.slice(-4)}` : null,
    customer: tx.cardholder ?? tx.customerEmail ?? null,
  };
}

/** An attempt as the form that made it reports it. */
export function attemptState(attempt: MoneyAttemptDto): ActionState {
  if (attempt.status === "pending") return { status: "error", message: "This form was already sent and is still waiting for USAePay's answer; nothing was sent again. Reload the page in a moment." };
  const again = attempt.replayed ? "This form was already sent, so nothing was sent again. Its result: " : "";
  if (attempt.status === "succeeded") return { status: "success", message: `${again}${attempt.message ?? "Done."}` };
  return { status: "error", message: `${again}${attempt.message ?? "It did not go through."}` };
}

export const amountText = (cents: number | null) => (cents === null ? "the whole amount" : formatCents(cents));
