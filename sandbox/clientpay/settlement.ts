import type { PaymentRecord } from "./records";

/**
 * When payments settle (docs/clientpay-api.md, "Refund or void"): ClientPay settles at the end
 * of each day, and Full Refund/Void voids before settlement and refunds after. The emulator
 * settles on a schedule the demo or a test chooses:
 *
 * - `afterSeconds: null` (the default): nothing settles by itself; the control plane's
 *   `POST settle` settles one payment, one account or everything "now".
 * - `afterSeconds: N`: an approved payment counts as settled N seconds after its paymentDate,
 *   measured on the emulator's injected clock (so tests move the clock, not the wall).
 *
 * Settlement is evaluated lazily, like page expiry: reading a payment fixes its `settledAt`.
 */
export interface SettlementPolicy {
  afterSeconds: number | null;
}

const SETTLES: ReadonlySet<PaymentRecord["status"]> = new Set(["Approved"]);

/** Applies the policy to one payment at `now`; returns whether it is settled. */
export function refreshSettlement(payment: PaymentRecord, policy: SettlementPolicy, now: Date): boolean {
  if (payment.settledAt) return true;
  if (policy.afterSeconds === null || !SETTLES.has(payment.status)) return false;
  const due = new Date(payment.paymentDate.getTime() + policy.afterSeconds * 1000);
  if (now.getTime() < due.getTime()) return false;
  payment.settledAt = due;
  payment.updatedAt = due;
  return true;
}

/** "End of day now" for one payment; false when it cannot settle (declined, voided, already settled). */
export function settleNow(payment: PaymentRecord, now: Date): boolean {
  if (payment.settledAt || !SETTLES.has(payment.status)) return false;
  payment.settledAt = now;
  payment.updatedAt = now;
  return true;
}
