import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { openSecret, sealSecret } from "@/lib/vault";
import { writeClientpayPayments } from "./clientpay-payments-store";
import { withClientpaySession, type ClientpayContext } from "./clientpay-session";

/**
 * The hosted pages Paydesk created (table ClientpayPage): payment requests (invoice payment
 * pages) and payer pages. A page's ClientPay id is the request ID that created it; it is sealed
 * here (Expire Payment Page and the search by request ID send it again) and indexed only by its
 * SHA-256. Each page also gets its own postback token, which only ClientPay holds (in the return
 * address); Paydesk keeps its hash and compares in constant time (docs/clientpay-api.md, "Postbacks").
 */
export const PAGE_TABLE = "ClientpayPage";
const REQUEST_ID_FIELD = "requestId";

type PageRow = Prisma.ClientpayPageGetPayload<object>;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export function sealPageRequestId(pageId: string, requestId: string): string {
  return sealSecret(requestId, PAGE_TABLE, pageId, REQUEST_ID_FIELD).sealed;
}

export function openPageRequestId(page: Pick<PageRow, "id" | "requestIdSealed">): string {
  return openSecret(page.requestIdSealed, PAGE_TABLE, page.id, REQUEST_ID_FIELD);
}

/** A fresh, unguessable token for one page's return address, and the hash Paydesk stores. */
export function newPostbackToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256(token) };
}

/** Where ClientPay posts this page's results: <base>/api/clientpay/postback/<page>?t=<token>. */
export function postbackAddress(pageId: string, token: string): string {
  const base = (env.CLIENTPAY_POSTBACK_BASE_URL ?? env.NEXTAUTH_URL).replace(/\/+$/, "");
  return `${base}/api/clientpay/postback/${encodeURIComponent(pageId)}?t=${encodeURIComponent(token)}`;
}

/** Constant-time check of a presented token against the stored hash. */
export function postbackTokenMatches(page: Pick<PageRow, "postbackTokenHash">, presented: string): boolean {
  const expected = Buffer.from(page.postbackTokenHash, "hex");
  const given = Buffer.from(sha256(presented), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** An open page whose duration ran out is expired, whether or not anyone told ClientPay. */
export function effectivePageStatus(page: Pick<PageRow, "status" | "expiresAt">, now: Date = new Date()): string {
  return page.status === "open" && page.expiresAt.getTime() <= now.getTime() ? "expired" : page.status;
}

export function findPage(merchantAccountId: string, pageId: string, kind: "invoice" | "payer") {
  return db.clientpayPage.findFirst({ where: { id: pageId, merchantAccountId, kind } });
}

/** For the postback only, which has no account yet: the page id in its address names it. */
export function findPageById(pageId: string) {
  return db.clientpayPage.findUnique({ where: { id: pageId } });
}

export type { PageRow };

// ---- reading a page's payment from ClientPay ------------------------------------------------------

/**
 * The payments ClientPay holds under a page's request ID (its declines and its approval), written
 * to the local copy, which marks the page paid when one was approved — in one transaction with the
 * audit row for a newly paid page. Used by the postback (after its token checked out) and by
 * "Check with ClientPay" (the fallback when no postback came). Only ClientPay's answer counts.
 */
export async function readPagePayments(context: ClientpayContext, page: PageRow, via: "postback" | "search" | "expire"): Promise<{ paymentId: string | null; newlyPaid: boolean }> {
  const payments = await withClientpaySession(context, (session) => session.findPaymentsByRequestId(openPageRequestId(page)));
  return db.$transaction(async (tx) => {
    const { paidPages } = await writeClientpayPayments(tx, page.merchantAccountId, payments);
    const saved = await tx.clientpayPage.findUniqueOrThrow({ where: { id: page.id }, select: { paymentId: true, amountCents: true } });
    const newlyPaid = paidPages.includes(page.id);
    if (newlyPaid) {
      await recordAuditEvent(
        {
          actor: context.actor,
          action: "payment_request.paid",
          targetType: "payment_request",
          targetId: page.id,
          meta: context.meta,
          details: { merchantId: page.merchantAccountId, paymentId: saved.paymentId, requestedCents: saved.amountCents, via },
        },
        tx,
      );
    }
    return { paymentId: saved.paymentId, newlyPaid };
  });
}
