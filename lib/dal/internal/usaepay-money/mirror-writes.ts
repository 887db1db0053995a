import "server-only";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { upsertMirrorTransaction } from "@/lib/sync/refund-links";
import type { Tx } from "../money-attempts";
import type { TransactionDto } from "../mirror-transactions";

/**
 * A money action's effect, written into the local copy in the same database transaction that
 * records the attempt, so the tables show it at once. A POST answer carries less than a GET
 * (no created time, status or amount: docs/usaepay-api.md, "Transaction objects"), so the rest
 * comes from what Paydesk already holds; the next live read or sync replaces it with the
 * gateway's full record. Statuses follow docs/usaepay-api.md, "Transaction objects".
 */

/** A mirrored transaction as the domain object the mirror's row builder takes. */
export function fromMirror(row: TransactionDto): UsaepayTransaction {
  return {
    key: row.key,
    refnum: row.refnum,
    createdAt: row.createdAt,
    typeCode: row.typeCode ?? undefined,
    typeLabel: row.typeLabel ?? undefined,
    outcome: row.outcome as UsaepayTransaction["outcome"],
    resultCode: row.resultCode,
    statusCode: row.statusCode ?? undefined,
    statusLabel: row.statusLabel ?? undefined,
    authCode: row.authCode ?? undefined,
    amountCents: row.amountCents,
    authAmountCents: row.authAmountCents ?? undefined,
    taxCents: row.taxCents ?? undefined,
    tipCents: row.tipCents ?? undefined,
    card: row.cardMasked ? { brand: row.cardBrand ?? undefined, maskedNumber: row.cardMasked, last4: row.cardMasked.slice(-4), cardholder: row.cardholder ?? undefined, entryMode: row.entryMode ?? undefined } : undefined,
    check: row.checkMasked ? { accountholder: row.cardholder ?? undefined, maskedAccount: row.checkMasked } : undefined,
    avs: row.avsCode ? { code: row.avsCode, label: row.avsLabel ?? row.avsCode } : undefined,
    cvc: row.cvcCode ? { code: row.cvcCode, label: row.cvcLabel ?? row.cvcCode } : undefined,
    batch: row.batchKey ? { key: row.batchKey, refnum: row.batchRefnum ?? undefined } : undefined,
    customerKey: row.customerKey ?? undefined,
    customerEmail: row.customerEmail ?? undefined,
    invoice: row.invoice ?? undefined,
    orderId: row.orderId ?? undefined,
    description: row.description ?? undefined,
    errorMessage: row.errorMessage ?? undefined,
    isDuplicate: false,
    availableActions: [],
    refundOf: row.refundOfKey ? { key: row.refundOfKey, refnum: "" } : undefined,
  };
}

async function write(tx: Tx, merchantAccountId: string, value: UsaepayTransaction): Promise<void> {
  await upsertMirrorTransaction(tx, transactionRow(merchantAccountId, value));
}

/** A new connected refund: the original's card and customer, the answer's key, refnum and batch. */
export async function writeRefund(tx: Tx, merchantAccountId: string, original: TransactionDto, answer: UsaepayTransaction, amountCents: number, now: Date): Promise<void> {
  const check = !!original.checkMasked && !original.cardMasked;
  await write(tx, merchantAccountId, {
    ...fromMirror(original),
    key: answer.key,
    refnum: answer.refnum,
    createdAt: now.toISOString(),
    typeCode: check ? "R" : "C",
    typeLabel: check ? "Check Refund" : "Credit Card Refund (Credit)",
    outcome: answer.outcome,
    resultCode: answer.resultCode,
    statusCode: "P",
    statusLabel: "Pending Settlement",
    authCode: answer.authCode,
    amountCents,
    authAmountCents: amountCents,
    taxCents: undefined,
    tipCents: undefined,
    avs: undefined,
    cvc: undefined,
    batch: answer.batch ?? undefined,
    description: original.description ? `Refund: ${original.description}` : "Refund",
    refundOf: { key: original.key, refnum: original.refnum },
  });
}

/** Void and void:release keep the key; the status becomes V (voided) or R (funds released). */
export async function writeVoid(tx: Tx, merchantAccountId: string, original: TransactionDto, release: boolean): Promise<void> {
  const typeCode = original.typeCode === "C" ? "Z" : original.typeCode === "S" || original.typeCode === "L" ? "V" : (original.typeCode ?? undefined);
  await write(tx, merchantAccountId, {
    ...fromMirror(original),
    typeCode,
    statusCode: release ? "R" : "V",
    statusLabel: release ? "Voided (Funds Released)" : "Voided",
  });
}

/** A capture moves the authorization into the open batch, for its amount or less. */
export async function writeCapture(tx: Tx, merchantAccountId: string, original: TransactionDto, answer: UsaepayTransaction, amountCents: number): Promise<void> {
  await write(tx, merchantAccountId, {
    ...fromMirror(original),
    typeCode: "S",
    typeLabel: "Credit Card Sale",
    statusCode: "P",
    statusLabel: "Authorized (Pending Settlement)",
    amountCents,
    batch: answer.batch ?? fromMirror(original).batch,
  });
}

/** cc:adjust sets the sale's amount; the key stays. */
export async function writeAdjust(tx: Tx, merchantAccountId: string, original: TransactionDto, amountCents: number): Promise<void> {
  await write(tx, merchantAccountId, { ...fromMirror(original), amountCents, authAmountCents: amountCents });
}

/** A charge of a saved method: a new sale of this customer. */
export async function writeCharge(
  tx: Tx,
  merchantAccountId: string,
  answer: UsaepayTransaction,
  charge: { customerKey: string; customerEmail: string | null; holder: string; amountCents: number; invoice?: string; description?: string; isCheck: boolean; last4: string | null },
  now: Date,
): Promise<void> {
  await write(tx, merchantAccountId, {
    ...answer,
    createdAt: now.toISOString(),
    typeCode: charge.isCheck ? "K" : "S",
    typeLabel: charge.isCheck ? "Check Sale" : "Credit Card Sale",
    statusCode: "P",
    statusLabel: charge.isCheck ? "Pending" : "Authorized (Pending Settlement)",
    amountCents: answer.authAmountCents ?? charge.amountCents,
    card: answer.card ? { ...answer.card, cardholder: answer.card.cardholder ?? charge.holder } : undefined,
    // A check sale's answer names no account: the saved method's last four stand in until the next read.
    check: charge.isCheck ? { ...answer.check, accountholder: answer.check?.accountholder ?? charge.holder, maskedAccount: answer.check?.maskedAccount ?? `xxxxx${charge.last4 ?? ""}` } : undefined,
    customerKey: charge.customerKey,
    customerEmail: charge.customerEmail ?? undefined,
    invoice: answer.invoice ?? charge.invoice,
    description: charge.description,
  });
}
