import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { upsertMirrorTransaction } from "@/lib/sync/refund-links";
import { readLive, type LiveRead } from "../live-read";
import type { MerchantDto } from "../merchant-access";
import { toTransactionDto, type TransactionDto } from "../mirror-transactions";
import { actionsFromGateway, actionsFromRules, isRefundableKind, positionFromGateway, positionFromMirror, type OfferedActions, type RefundPositionDto } from "./rules";

/**
 * One transaction as a money decision needs it: read live from USAePay when it can be (and
 * written back to the mirror), else the local copy; with what may still be refunded and which
 * actions are open. The detail page shows these; each action reads them again before sending.
 */
export interface TransactionFacts extends LiveRead {
  transaction: TransactionDto;
  mirroredAt: string;
  /** The live answer, when there was one. */
  live?: UsaepayTransaction;
  /** Null for what cannot be refunded (refunds, voids, authorizations, declines). */
  position: RefundPositionDto | null;
  offered: OfferedActions;
  /** "gateway": USAePay's available_actions; "rules": worked out from the local copy's status. */
  offeredBy: "gateway" | "rules";
}

/** The mirrored refunds linked to a sale (Paydesk's own record, whatever the gateway sends). */
export async function linkedMirrorRefunds(merchantAccountId: string, key: string): Promise<TransactionDto[]> {
  const rows = await db.mirrorTransaction.findMany({ where: { merchantAccountId, refundOfKey: key }, orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map(toTransactionDto);
}

export async function readTransactionFacts(
  merchant: MerchantDto,
  key: string,
  options: { missing: "not_found_page" | "app_error"; deps?: Pick<GatewayDeps, "fetch"> },
): Promise<TransactionFacts> {
  const where = { merchantAccountId_key: { merchantAccountId: merchant.id, key } };
  let live: UsaepayTransaction | undefined;
  const read = await readLive({
    merchant,
    record: "transaction",
    deps: options.deps,
    missing: options.missing,
    fetch: (client, signal) => client.getTransaction(key, signal),
    store: async (answer) => {
      live = answer;
      await upsertMirrorTransaction(db, transactionRow(merchant.id, answer));
    },
    drop: () => db.mirrorTransaction.deleteMany({ where: { merchantAccountId: merchant.id, key } }),
  });
  const row = await db.mirrorTransaction.findUnique({ where });
  if (!row) {
    if (options.missing === "app_error") throw new AppError("not_found", "That transaction is not in Paydesk's copy and USAePay could not be asked.");
    notFound();
  }
  return { ...read, ...(await factsOf(merchant.id, toTransactionDto(row), live)), mirroredAt: row.syncedAt.toISOString() };
}

/**
 * The facts a detail page shows from Paydesk's copy alone (no upstream call: reads do not burn
 * the budget): the actions are worked out from the copy's status and said to be, and each
 * action reads the transaction live again before anything is sent.
 */
export async function localTransactionFacts(merchantAccountId: string, transaction: TransactionDto, mirroredAt: string, fallbackReason?: string): Promise<TransactionFacts> {
  return { source: "mirror", fallbackReason, mirroredAt, ...(await factsOf(merchantAccountId, transaction, undefined)) };
}

async function factsOf(merchantAccountId: string, transaction: TransactionDto, live: UsaepayTransaction | undefined) {
  const position = isRefundableKind(transaction)
    ? ((live && positionFromGateway(live)) ?? positionFromMirror(transaction, await linkedMirrorRefunds(merchantAccountId, transaction.key)))
    : null;
  return {
    transaction,
    live,
    position,
    offered: live ? actionsFromGateway(live.availableActions, transaction, position) : actionsFromRules(transaction, position),
    offeredBy: live ? ("gateway" as const) : ("rules" as const),
  };
}
