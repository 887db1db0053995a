import { Hono } from "hono";
import type { z } from "zod";
import { badRequest, notFound } from "../api-error";
import type { AccountName } from "../credentials";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { currentPageStatus, pageDuration, pageUrl } from "../pages";
import { resolveSavedFunding } from "../payment-engine";
import type { PageKind, PageLine, PageLook, PageRecord } from "../records";
import { accountOf, consumeRequestId, parseBody, readBody, requireAccess, toCents } from "../request-guards";
import {
  connectInvoice,
  connectPageBody,
  expirePageBody,
  invoice,
  invoicePageBody,
  lineItem,
  lineItemPageBody,
  payerPageBody,
  type PageOptionsInput,
  type ResponseOptionsInput,
} from "../wire-schemas";

/** Hosted pages, identified by the requestId that created them (docs/clientpay-api.md, "Hosted pages"). */

type InvoiceLike = z.infer<typeof invoice> | z.infer<typeof connectInvoice>;

function invoiceLines(invoices: InvoiceLike[]): PageLine[] {
  return invoices.map((entry, index) => {
    const maxCents = toCents(entry.outstandingBalance);
    const amountCents = entry.paymentAmount == null ? maxCents : toCents(entry.paymentAmount);
    if (amountCents > maxCents) throw badRequest("paymentAmount cannot exceed outstandingBalance.", [`invoices.${index}.paymentAmount`]);
    const detail = "matterNumber" in entry ? [entry.matterNumber, entry.matterDescription].filter(Boolean).join(" · ") : null;
    return {
      label: entry.invoiceNumber,
      invoiceNumber: entry.invoiceNumber,
      detail: detail || entry.clientName || null,
      dueDate: "dueDate" in entry ? (entry.dueDate ?? null) : null,
      maxCents,
      amountCents,
      editable: "editable" in entry ? entry.editable !== false : true,
      pdfLink: entry.pdfLink ?? null,
    };
  });
}

function itemLines(items: z.infer<typeof lineItem>[]): PageLine[] {
  return items.map((item) => {
    const cents = toCents(item.paymentAmount);
    return {
      label: item.itemName || item.itemId || "Item",
      invoiceNumber: null,
      detail: item.itemDescription ?? null,
      dueDate: null,
      maxCents: cents,
      amountCents: cents,
      editable: item.editable !== false,
      pdfLink: null,
    };
  });
}

/** The three payment-page kinds share every field except what is being paid for. */
function parsePaymentPage(kind: "invoice" | "lineItem" | "connect", raw: unknown) {
  if (kind === "lineItem") {
    const body = parseBody(lineItemPageBody, raw);
    return { common: body, lines: itemLines(body.lineItems) };
  }
  const body = kind === "invoice" ? parseBody(invoicePageBody, raw) : parseBody(connectPageBody, raw);
  return { common: body, lines: invoiceLines(body.invoices) };
}

function lookOf(options: PageOptionsInput): PageLook {
  return {
    headerText: options?.headerText ?? null,
    subHeaderText: options?.subHeaderText ?? null,
    footerText: options?.footerText ?? null,
    enablePayerSaving: options?.enablePayerSaving !== false,
    isPayerFacing: options?.isPayerFacing !== false,
  };
}

export function pageRoutes(deps: EmulatorDeps) {
  const routes = new Hono<EmulatorEnv>();

  const createPage = (
    account: AccountName,
    kind: PageKind,
    requestId: string,
    token: { sessionId?: string | null; customerId?: string | null },
    extra: Partial<PageRecord> & { pageOptions: PageOptionsInput; responseOptions: ResponseOptionsInput; body: unknown },
  ): PageRecord => {
    const { pageOptions, responseOptions, ...fields } = extra;
    const page: PageRecord = {
      requestId,
      account,
      kind,
      status: "Active",
      createdAt: deps.now(),
      durationSeconds: pageDuration(pageOptions?.duration),
      amountCents: 0,
      sessionId: token.sessionId ?? null,
      customerId: token.customerId ?? null,
      payerId: null,
      paymentMethodId: null,
      serverSideReturnAddress: responseOptions?.serverSideReturnAddress ?? null,
      nameOnAccount: null,
      lines: [],
      look: lookOf(pageOptions),
      acceptMultipleMethods: true,
      hidePayerNamePanel: true,
      completedAt: null,
      paymentId: null,
      addedMethodIds: [],
      ...fields,
    };
    deps.store.pages.set(requestId, page);
    return page;
  };

  /** payerOrPaymentMethodId on a page: a payer offers all its methods, a method id only that one. */
  const savedReference = (account: AccountName, id: string | null | undefined) => {
    if (!id) return { payerId: null, paymentMethodId: null };
    const funding = resolveSavedFunding(deps, account, id);
    if (funding.kind !== "saved") return { payerId: null, paymentMethodId: null };
    return { payerId: funding.payerId, paymentMethodId: funding.method.id === id ? id : null };
  };

  const paymentPage = (kind: "invoice" | "lineItem" | "connect") => async (c: Parameters<typeof readBody>[0]) => {
    const access = requireAccess(c, deps);
    const account = accountOf(access);
    const raw = await readBody(c);
    const requestId = consumeRequestId(deps, access, raw);
    const { common, lines } = parsePaymentPage(kind, raw);
    const page = createPage(account, kind, requestId, common.token, {
      ...savedReference(account, common.payerOrPaymentMethodId),
      amountCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
      lines,
      nameOnAccount: common.nameOnAccount ?? null,
      pageOptions: common.pageOptions,
      responseOptions: common.responseOptions,
      body: raw,
    });
    return c.json({ success: true, requestId, paymentPageUrl: pageUrl(deps.appBaseUrl, page) });
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
      pageOptions: body.pageOptions,
      responseOptions: body.responseOptions,
      payerId: body.payerId ?? null,
      acceptMultipleMethods: body.acceptMultipleMethods !== false,
      // The name panel is always shown when no payerId is given (docs/clientpay-api.md, "Hosted pages").
      hidePayerNamePanel: body.payerId ? body.hidePayerNamePanel !== false : false,
      body: raw,
    });
    return c.json({ success: true, requestId, payerPageUrl: pageUrl(deps.appBaseUrl, page) });
  });

  // Takes the page's own requestId at the top level, no token (docs/clientpay-api.md, "Hosted pages").
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
