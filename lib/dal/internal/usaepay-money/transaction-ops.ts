import "server-only";
import { AppError } from "@/lib/errors";
import { formatCents } from "@/lib/format";
import type { UsaepayClient, UsaepayTransaction } from "@/lib/payments/usaepay";
import type { MoneyReason } from "@/lib/validation/money-reasons";
import { runMoneyAttempt, type MoneyAttemptDto, type Tx } from "../money-attempts";
import { maskedFacts, moneyCall, OPERATIONS, type MoneyContext } from "./context";
import { readTransactionFacts, type TransactionFacts } from "./facts";
import { writeAdjust, writeCapture, writeRefund, writeVoid } from "./mirror-writes";
import { MESSAGES, settleAnswer } from "./settle";

/**
 * Refund, void, capture and adjust of one USAePay transaction, each through runMoneyAttempt:
 * the attempt row holds the transaction first, then the guard reads it afresh (live when it can)
 * and applies the operation's rules, then exactly one POST /transactions goes out, and its
 * effect is written to the mirror with the attempt and the audit row.
 */
interface Reason {
  reasonCode: MoneyReason;
  reasonText?: string;
}

interface OperationSpec {
  operation: "refund" | "void" | "capture" | "adjust";
  key: string;
  token: string;
  amountCents: number | null;
  reason: Reason;
  command?: string;
  /** Throws an AppError when the rules refuse (on the fresh facts). */
  check: (facts: TransactionFacts) => void;
  send: (client: UsaepayClient, facts: TransactionFacts) => Promise<UsaepayTransaction>;
  message: (answer: UsaepayTransaction) => string;
  statusAfter: string;
  apply: (tx: Tx, facts: TransactionFacts, answer: UsaepayTransaction, now: Date) => Promise<void>;
}

function runOperation(ctx: MoneyContext, spec: OperationSpec): Promise<MoneyAttemptDto> {
  let facts: TransactionFacts | undefined;
  const now = ctx.now ?? (() => new Date());
  const read = () => {
    if (!facts) throw new Error("the guard did not run");
    return facts;
  };
  return runMoneyAttempt<UsaepayTransaction>({
    viewer: ctx.viewer,
    meta: ctx.meta,
    merchantId: ctx.merchant.id,
    gateway: "usaepay",
    operation: spec.operation,
    targetKey: spec.key,
    targetType: "transaction",
    token: spec.token,
    amountCents: spec.amountCents,
    reason: { code: spec.reason.reasonCode, text: spec.reason.reasonText ?? null },
    details: { command: spec.command ?? OPERATIONS[spec.operation].command },
    guard: async () => {
      facts = await readTransactionFacts(ctx.merchant, spec.key, { missing: "app_error", deps: ctx.deps });
      spec.check(facts);
      const tx = facts.transaction;
      return { ...maskedFacts(tx), statusBefore: tx.statusLabel ?? tx.statusCode, amountBeforeCents: tx.amountCents, checkedAgainst: facts.source === "live" ? "USAePay, just now" : "Paydesk's copy" };
    },
    send: () => moneyCall(ctx, (client) => spec.send(client, read())),
    settle: (answer) => {
      const settlement = settleAnswer(answer, spec.message);
      const before = read().transaction;
      return { ...settlement, details: { statusAfter: settlement.status === "succeeded" ? spec.statusAfter : (before.statusLabel ?? before.statusCode) } };
    },
    applyToMirror: (tx, answer) => spec.apply(tx, read(), answer, now()),
    now: ctx.now,
  });
}

const refuse = (code: string, message: string) => new AppError(code, message);

/** A refund's rules on fresh facts: something left to refund, and no more than that. */
export function checkRefund(facts: TransactionFacts, amountCents: number): void {
  if (!facts.offered.refund || !facts.position) throw refuse("not_refundable", "This transaction cannot be refunded now.");
  if (amountCents > facts.position.remainingCents) {
    throw refuse("over_refundable", `That is more than the ${formatCents(facts.position.remainingCents)} still refundable.`);
  }
}

export function refundOnce(ctx: MoneyContext, input: { key: string; token: string; amountCents: number } & Reason): Promise<MoneyAttemptDto> {
  return runOperation(ctx, {
    operation: "refund",
    key: input.key,
    token: input.token,
    amountCents: input.amountCents,
    reason: input,
    check: (facts) => checkRefund(facts, input.amountCents),
    send: (client) => client.refund({ transactionKey: input.key, amountCents: input.amountCents }),
    message: MESSAGES.refund(input.amountCents),
    // USAePay leaves the sale's status alone; the refund is a new transaction.
    statusAfter: "unchanged (a refund is a new transaction)",
    apply: (tx, facts, answer, now) => writeRefund(tx, ctx.merchant.id, facts.transaction, answer, input.amountCents, now),
  });
}

export function voidOnce(ctx: MoneyContext, input: { key: string; token: string; release: boolean } & Reason): Promise<MoneyAttemptDto> {
  return runOperation(ctx, {
    operation: "void",
    key: input.key,
    token: input.token,
    amountCents: null,
    reason: input,
    command: input.release ? "cc:void:release" : "void",
    check: (facts) => {
      if (!facts.offered.void) throw refuse("not_voidable", "Only a transaction that has not settled yet can be voided. Refund it instead.");
      if (input.release && !facts.offered.release) throw refuse("not_releasable", "USAePay does not offer releasing the funds of this transaction; void it without releasing.");
    },
    send: (client) => client.voidTransaction({ transactionKey: input.key, releaseFunds: input.release }),
    message: MESSAGES.void(input.release),
    statusAfter: input.release ? "Voided (Funds Released)" : "Voided",
    apply: (tx, facts) => writeVoid(tx, ctx.merchant.id, facts.transaction, input.release),
  });
}

export function captureOnce(ctx: MoneyContext, input: { key: string; token: string; amountCents?: number } & Reason): Promise<MoneyAttemptDto> {
  let captured = input.amountCents ?? 0;
  return runOperation(ctx, {
    operation: "capture",
    key: input.key,
    token: input.token,
    amountCents: input.amountCents ?? null,
    reason: input,
    check: (facts) => {
      if (!facts.offered.capture) throw refuse("not_capturable", "Only an authorization that has not been captured can be captured.");
      const authorized = facts.transaction.authAmountCents ?? facts.transaction.amountCents;
      if (input.amountCents !== undefined && input.amountCents > authorized) {
        throw refuse("over_authorized", `A capture can be at most the ${formatCents(authorized)} authorized.`);
      }
      captured = input.amountCents ?? authorized;
    },
    send: (client) => client.capture({ transactionKey: input.key, amountCents: input.amountCents }),
    message: () => MESSAGES.capture(captured)(),
    statusAfter: "Authorized (Pending Settlement)",
    apply: (tx, facts, answer) => writeCapture(tx, ctx.merchant.id, facts.transaction, answer, captured),
  });
}

export function adjustOnce(ctx: MoneyContext, input: { key: string; token: string; amountCents: number } & Reason): Promise<MoneyAttemptDto> {
  return runOperation(ctx, {
    operation: "adjust",
    key: input.key,
    token: input.token,
    amountCents: input.amountCents,
    reason: input,
    check: (facts) => {
      if (!facts.offered.adjust) throw refuse("not_adjustable", "Only an unsettled card sale or authorization can have its amount adjusted.");
      const refunded = facts.position?.refundedCents ?? 0;
      if (input.amountCents < refunded) throw refuse("below_refunded", `The amount cannot go below the ${formatCents(refunded)} already refunded.`);
      if (input.amountCents === facts.transaction.amountCents) throw refuse("same_amount", "That is the amount it already has.");
    },
    send: (client) => client.adjust({ transactionKey: input.key, amountCents: input.amountCents }),
    message: MESSAGES.adjust(input.amountCents),
    statusAfter: "unchanged (amount adjusted)",
    apply: (tx, facts) => writeAdjust(tx, ctx.merchant.id, facts.transaction, input.amountCents),
  });
}
