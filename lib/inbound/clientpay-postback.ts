import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { requestMetaFrom } from "@/lib/request-meta";
import { findPageById, postbackTokenMatches, readPagePayments } from "@/lib/dal/internal/clientpay-pages";
import { storePayerDetail } from "@/lib/dal/internal/clientpay-payers-store";
import { withClientpaySession, type ClientpayContext } from "@/lib/dal/internal/clientpay-session";

/**
 * ClientPay's server-side postback for a page Paydesk created (docs/clientpay-api.md, "Postbacks").
 * No session comes with it, so it verifies itself: (1) the page id and token in the return address
 * Paydesk gave ClientPay must match the page's stored token hash (constant time), else the hit is
 * dropped with the same answer as for an unknown page; (2) the body is never trusted: Paydesk
 * re-reads the page's payment by its request ID (a payer page: the payer) under its own access ID
 * and stores only that answer; (3) it is idempotent: a retry, the "Processing" message or an
 * out-of-order delivery changes nothing once the page is settled.
 *
 * Answers: 200 when handled (also "nothing to do"), 404 for an unknown page or a wrong token, 503
 * when ClientPay could not be read back (ClientPay retries; the payments copy and "Check with
 * ClientPay" are the fallbacks).
 */
export interface PostbackInput {
  pageId: string;
  token: string;
  /** The request's headers, for the audit rows' address and user agent. */
  headers: Headers;
}

export interface PostbackAnswer {
  status: 200 | 404 | 503;
  body: { received: boolean; message?: string };
}

const endpointSelect = { id: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true } as const;

export async function receiveClientpayPostback(input: PostbackInput, deps: GatewayDeps = {}): Promise<PostbackAnswer> {
  const page = await findPageById(input.pageId);
  if (!page || !postbackTokenMatches(page, input.token)) {
    logger.warn({ pageId: input.pageId.slice(0, 64), known: !!page }, "clientpay postback refused: unknown page or wrong token");
    return { status: 404, body: { received: false } };
  }
  await db.clientpayPage.update({ where: { id: page.id }, data: { lastPostbackAt: new Date() } });
  const merchant = await db.merchantAccount.findUniqueOrThrow({ where: { id: page.merchantAccountId }, select: endpointSelect });
  const meta = requestMetaFrom((name) => input.headers.get(name));
  const context: ClientpayContext = { merchant, actor: null, meta, during: `postback.${page.kind}`, deps };
  try {
    if (page.kind === "invoice") {
      // Already paid: a retry or a late "Processing" message; the re-read would change nothing.
      if (page.status !== "paid") await readPagePayments(context, page, "postback");
      return { status: 200, body: { received: true } };
    }
    await refreshPayerOfPage(context, page);
    return { status: 200, body: { received: true } };
  } catch (error) {
    logger.warn({ pageId: page.id, kind: page.kind, code: error instanceof AppError ? error.code : "clientpay_read_failed" }, "clientpay postback: the read-back failed");
    return { status: 503, body: { received: false, message: "Could not confirm with ClientPay yet." } };
  }
}

/** A payer page finished: re-read the payer's methods (never from the body) and close the page once. */
async function refreshPayerOfPage(context: ClientpayContext, page: NonNullable<Awaited<ReturnType<typeof findPageById>>>) {
  if (!page.payerId) return;
  const payer = await withClientpaySession(context, (session) => session.getPayer(page.payerId!));
  if (payer) await storePayerDetail(page.merchantAccountId, payer);
  await db.$transaction(async (tx) => {
    const { count } = await tx.clientpayPage.updateMany({ where: { id: page.id, status: "open" }, data: { status: "completed", closedAt: new Date() } });
    if (count === 0) return;
    await recordAuditEvent(
      { actor: null, action: "payer_page.completed", targetType: "payer", targetId: page.payerId!, meta: context.meta, details: { merchantId: page.merchantAccountId, pageId: page.id, methods: payer?.paymentMethods.length ?? null } },
      tx,
    );
  });
}
