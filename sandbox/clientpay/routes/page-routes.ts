import { Hono } from "hono";
import { badRequest, notFound } from "../api-error";
import type { AccountName } from "../credentials";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { resolveSavedFunding } from "../payment-engine";
import type { PageKind, PageRecord } from "../records";
import { accountOf, consumeRequestId, parseBody, readBody, requireAccess, toCents } from "../request-guards";
import {
  connectPageBody,
  expirePageBody,
  invoicePageBody,
  lineItemPageBody,
  payerPageBody,
  type PageOptionsInput,
  type ResponseOptionsInput,
} from "../wire-schemas";

/** Spec section 5 and 10.5: hosted pages, identified by the requestId that created them. */

export const MAX_PAGE_SECONDS = 31_540_000;
export const MIN_PAGE_SECONDS = 900;

const URL_FRAGMENT: Record<PageKind, string> = {
  invoice: "invoicePaymentPage",
  lineItem: "lineItemPaymentPage",
  connect: "connectPaymentPage",
  payer: "payerPage",
};

export function pageDuration(options: PageOptionsInput): number {
  const requested = options?.duration;
  if (requested == null) return MAX_PAGE_SECONDS;
  return Math.min(MAX_PAGE_SECONDS, Math.max(MIN_PAGE_SECONDS, requested));
}

/** A page's status, ageing Active pages into Expired once their duration has run out. */
export function currentPageStatus(page: PageRecord, now: Date): PageRecord["status"] {
  if (page.status === "Active" && now.getTime() > page.createdAt.getTime() + page.durationSeconds * 1000) {
    page.status = "Expired";
  }
  return page.status;
}

interface AmountLine {
  outstandingBalance?: number;
  paymentAmount?: number | null;
}

function checkInvoiceAmounts(invoices: AmountLine[]): number {
  let totalCents = 0;
  invoices.forEach((invoice, index) => {
    const outstanding = invoice.outstandingBalance ?? 0;
    const amount = invoice.paymentAmount ?? outstanding;
    if (amount > outstanding) {
      throw badRequest("paymentAmount cannot exceed outstandingBalance.", [`invoices.${index}.paymentAmount`]);
    }
    totalCents += toCents(amount);
  });
  return totalCents;
}

/** The three payment-page kinds share every field except what is being paid for. */
function parsePaymentPage(kind: "invoice" | "lineItem" | "connect", raw: unknown) {
  if (kind === "lineItem") {
    const body = parseBody(lineItemPageBody, raw);
    return { common: body, amountCents: body.lineItems.reduce((sum, item) => sum + toCents(item.paymentAmount), 0) };
  }
  const body = kind === "invoice" ? parseBody(invoicePageBody, raw) : parseBody(connectPageBody, raw);
  return { common: body, amountCents: checkInvoiceAmounts(body.invoices) };
}

export function pageRoutes(deps: EmulatorDeps) {
  const routes = new Hono<EmulatorEnv>();

  const createPage = (
    account: AccountName,
    kind: PageKind,
    requestId: string,
    token: { sessionId?: string | null; customerId?: string | null },
    extra: {
      amountCents: number;
      pageOptions: PageOptionsInput;
      responseOptions: ResponseOptionsInput;
      payerId: string | null;
      body: unknown;
    },
  ): PageRecord => {
    const url = `${deps.appBaseUrl}/app/api/#/${URL_FRAGMENT[kind]}/${requestId}`;
    const page: PageRecord = {
      requestId,
      account,
      kind,
      status: "Active",
      createdAt: deps.now(),
      durationSeconds: pageDuration(extra.pageOptions),
      amountCents: extra.amountCents,
      sessionId: token.sessionId ?? null,
      customerId: token.customerId ?? null,
      url,
      payerId: extra.payerId,
      serverSideReturnAddress: extra.responseOptions?.serverSideReturnAddress ?? null,
      body: extra.body,
    };
    deps.store.pages.set(requestId, page);
    return page;
  };

  const checkPayerReference = (account: AccountName, id: string | null | undefined): string | null => {
    if (!id) return null;
    const funding = resolveSavedFunding(deps, account, id);
    return funding.kind === "saved" ? funding.payerId : null;
  };

  const paymentPage = (kind: "invoice" | "lineItem" | "connect") => async (c: Parameters<typeof readBody>[0]) => {
    const access = requireAccess(c, deps);
    const account = accountOf(access);
    const raw = await readBody(c);
    const requestId = consumeRequestId(deps, access, raw);
    const { common, amountCents } = parsePaymentPage(kind, raw);
    const payerId = checkPayerReference(account, common.payerOrPaymentMethodId);
    const page = createPage(account, kind, requestId, common.token, {
      amountCents,
      pageOptions: common.pageOptions,
      responseOptions: common.responseOptions,
      payerId,
      body: raw,
    });
    return c.json({ success: true, requestId, paymentPageUrl: page.url });
  };

  routes.post("/paymentpage/invoice", paymentPage("invoice"));
  routes.post("/paymentpage/lineitem", paymentPage("lineItem"));
  routes.post("/connect/paymentpage", paymentPage("connect"));

  routes.post("/payer/payerpage", async (c) => {
    const access = requireAccess(c, deps);
    const account = accountOf(access);
    const raw = await readBody(c);
    const requestId = consumeRequestId(deps, access, raw);
    const body = parseBody(payerPageBody, raw);
    if (body.payerId && !deps.store.payerOf(account, body.payerId)) throw notFound("No payer has that payerId.", ["payerId"]);
    const page = createPage(account, "payer", requestId, body.token, {
      amountCents: 0,
      pageOptions: body.pageOptions,
      responseOptions: body.responseOptions,
      payerId: body.payerId ?? null,
      body: raw,
    });
    return c.json({ success: true, requestId, payerPageUrl: page.url });
  });

  // Takes the page's own requestId at the top level, no token (spec 5.5, 10.4).
  routes.post("/expirepage", async (c) => {
    const access = requireAccess(c, deps);
    const account = accountOf(access);
    const body = parseBody(expirePageBody, await readBody(c));
    const page = deps.store.pages.get(body.requestId);
    if (!page || page.account !== account) throw notFound("No page has that requestId.", ["requestId"]);
    if (currentPageStatus(page, deps.now()) === "Active") page.status = "Expired";
    return c.json({ success: true });
  });

  return routes;
}
