import { badRequest } from "./api-error";
import type { EmulatorDeps } from "./emulator-env";
import { currentPageStatus } from "./pages";
import { assertFundingValid, charge, paymentWire, type Funding } from "./payment-engine";
import { addPayer, attachMethods, buildMethod, methodSummary } from "./payment-methods";
import type { PageRecord, PayerRecord, PaymentRecord } from "./records";
import { parseBody } from "./request-guards";
import { creditCard, eCheck, type CreditCardInput, type ECheckInput } from "./wire-schemas";

/**
 * What a payer does on a hosted page, shared by the served HTML pages and the control plane's
 * "play the payer" calls (docs/clientpay-api.md, "Hosted pages" and "Postbacks"). Failures are
 * ApiErrors (400) whose message is fit to show on the page.
 */

export type PageFunding =
  | { kind: "card"; card: CreditCardInput }
  | { kind: "eCheck"; eCheck: ECheckInput }
  | { kind: "saved"; paymentMethodId: string };

export interface PagePaymentInput {
  /** Per page line, in cents; a missing entry pays the line's offered amount. */
  amountsCents?: Array<number | null | undefined>;
  funding: PageFunding;
  payerName?: string | null;
  payerEmail?: string | null;
  /** "Save my payment method" (honoured when the page's enablePayerSaving is on). */
  savePayer?: boolean;
}

function assertActive(deps: EmulatorDeps, page: PageRecord): void {
  const status = currentPageStatus(page, deps.now());
  if (status === "Expired") throw badRequest("This page has expired and can no longer be used.", ["page"]);
  if (status === "Completed") throw badRequest("This page has already been completed.", ["page"]);
}

/** The amount of each line: at most its maximum, fixed unless editable, and more than zero in total. */
export function lineAmounts(page: PageRecord, requested: PagePaymentInput["amountsCents"] = []): number[] {
  const amounts = page.lines.map((line, index) => {
    const wanted = requested[index];
    if (wanted == null) return line.amountCents;
    if (!Number.isInteger(wanted) || wanted < 0) throw badRequest(`The amount for ${line.label} is not valid.`, [`amounts.${index}`]);
    if (!line.editable && wanted !== line.amountCents) throw badRequest(`The amount for ${line.label} cannot be changed.`, [`amounts.${index}`]);
    if (wanted > line.maxCents) throw badRequest(`The amount for ${line.label} is more than is owed.`, [`amounts.${index}`]);
    return wanted;
  });
  if (amounts.reduce((sum, cents) => sum + cents, 0) <= 0) throw badRequest("Enter an amount to pay.", ["amounts"]);
  return amounts;
}

/** The methods a page offers: all of the page payer's, or only the one named by payerOrPaymentMethodId. */
export function offeredMethods(deps: EmulatorDeps, page: PageRecord) {
  const payer = page.payerId ? deps.store.payerOf(page.account, page.payerId) : null;
  if (!payer) return [];
  return payer.methods.filter((method) => !page.paymentMethodId || method.id === page.paymentMethodId);
}

/** Typed card and bank details get the same checks as on the API (wire-schemas.ts). */
function resolveFunding(deps: EmulatorDeps, page: PageRecord, funding: PageFunding): Funding {
  if (funding.kind === "card") return { kind: "card", card: parseBody(creditCard, funding.card) };
  if (funding.kind === "eCheck") return { kind: "eCheck", eCheck: parseBody(eCheck, funding.eCheck) };
  const method = offeredMethods(deps, page).find((candidate) => candidate.id === funding.paymentMethodId);
  if (!method) throw badRequest("That saved payment method is not offered on this page.", ["paymentMethodId"]);
  return { kind: "saved", payerId: method.payerId, method };
}

function splitName(name: string | null | undefined): { firstName: string | null; lastName: string | null } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: null, lastName: null };
  return { firstName: parts.slice(0, -1).join(" ") || parts[0]!, lastName: parts.length > 1 ? parts.at(-1)! : null };
}

/** Saves the payer and the method they just paid with, and links the payment to them. */
function savePayerFrom(deps: EmulatorDeps, page: PageRecord, payment: PaymentRecord, funding: Funding, input: PagePaymentInput): void {
  if (funding.kind === "saved") return;
  const payer = addPayer(deps.store, page.account, {
    ...splitName(input.payerName),
    payerName: 1,
    emails: input.payerEmail ? [input.payerEmail] : [],
  });
  const method = buildMethod(deps.store, payer.id, funding.kind === "card" ? { creditCard: funding.card } : { eCheck: funding.eCheck });
  attachMethods(payer, [{ method, primary: true }]);
  payment.payerId = payer.id;
  payment.paymentMethodId = method.id;
}

/**
 * Pays a payment page. An approval completes the page; a decline leaves it open for another
 * try. Either way the payment exists (searchable by the page's requestId) before the two
 * postbacks go out: "Processing", then the result.
 */
export async function payPage(deps: EmulatorDeps, page: PageRecord, input: PagePaymentInput) {
  if (page.kind === "payer") throw badRequest("A payer page takes no payment.", ["page"]);
  assertActive(deps, page);
  const amounts = lineAmounts(page, input.amountsCents);
  const funding = resolveFunding(deps, page, input.funding);
  assertFundingValid(funding);
  const payment = charge(deps, {
    account: page.account,
    requestId: page.requestId,
    sessionId: page.sessionId,
    customerRefNumber: page.customerId,
    amountCents: amounts.reduce((sum, cents) => sum + cents, 0),
    taxCents: 0,
    funding,
    orderId: null,
    description: null,
    payerName: input.payerName?.trim() || null,
    payerEmail: input.payerEmail?.trim() || null,
    invoiceNumbers: page.lines.flatMap((line, index) => (line.invoiceNumber && amounts[index]! > 0 ? [line.invoiceNumber] : [])),
    pageRequestId: page.requestId,
  });
  const approved = payment.status === "Approved";
  if (approved) {
    page.status = "Completed";
    page.completedAt = payment.paymentDate;
    page.paymentId = payment.paymentId;
    if (input.savePayer && page.look.enablePayerSaving) savePayerFrom(deps, page, payment, funding, input);
  }
  const result = { success: approved, ...paymentWire(deps, payment, page.status) };
  if (page.serverSideReturnAddress) {
    await deps.outbox.deliver({ account: page.account, pageRequestId: page.requestId, url: page.serverSideReturnAddress }, [
      { message: "processing", body: { requestID: page.requestId, status: "Processing", paymentID: "", success: true } },
      { message: "result", body: result },
    ]);
  }
  return { payment, result };
}

export interface PayerPageInput {
  /** Used only when the page has no payer yet (a new payer is created). */
  payer?: { firstName?: string | null; lastName?: string | null; businessName?: string | null; email?: string | null };
  method: { creditCard: CreditCardInput; eCheck?: never } | { eCheck: ECheckInput; creditCard?: never };
  makePrimary?: boolean;
}

function pagePayer(deps: EmulatorDeps, page: PageRecord, input: PayerPageInput): PayerRecord {
  const existing = page.payerId ? deps.store.payerOf(page.account, page.payerId) : null;
  if (existing) return existing;
  if (page.payerId) throw badRequest("The payer of this page no longer exists.", ["payerId"]);
  const fields = input.payer ?? {};
  if (!fields.firstName?.trim() && !fields.lastName?.trim() && !fields.businessName?.trim()) {
    throw badRequest("Enter a first name, last name or business name.", ["payer"]);
  }
  const payer = addPayer(deps.store, page.account, {
    firstName: fields.firstName?.trim() || null,
    lastName: fields.lastName?.trim() || null,
    businessName: fields.businessName?.trim() || null,
    payerName: fields.businessName?.trim() ? 3 : 1,
    emails: fields.email?.trim() ? [fields.email.trim()] : [],
  });
  page.payerId = payer.id;
  return payer;
}

/** Adds one method on a payer page; a page that accepts only one method is finished at once. */
export async function addMethodOnPayerPage(deps: EmulatorDeps, page: PageRecord, input: PayerPageInput) {
  if (page.kind !== "payer") throw badRequest("Only a payer page saves payment methods.", ["page"]);
  assertActive(deps, page);
  const typed = input.method.creditCard
    ? { creditCard: parseBody(creditCard, input.method.creditCard) }
    : { eCheck: parseBody(eCheck, input.method.eCheck) };
  if (typed.creditCard) assertFundingValid({ kind: "card", card: typed.creditCard });
  const payer = pagePayer(deps, page, input);
  const method = buildMethod(deps.store, payer.id, typed);
  attachMethods(payer, [{ method, primary: input.makePrimary === true }]);
  page.addedMethodIds.push(method.id);
  if (!page.acceptMultipleMethods) return finishPayerPage(deps, page);
  return { payerId: payer.id, method: methodSummary(method), finished: false, postback: null };
}

/**
 * Finishes a payer page and posts its payerId back, as the onboarding guide describes; the
 * masked list of the methods added on the page is our extension.
 */
export async function finishPayerPage(deps: EmulatorDeps, page: PageRecord) {
  assertActive(deps, page);
  if (!page.payerId || page.addedMethodIds.length === 0) throw badRequest("Add a payment method first.", ["paymentMethods"]);
  const payer = deps.store.payerOf(page.account, page.payerId);
  if (!payer) throw badRequest("The payer of this page no longer exists.", ["payerId"]);
  page.status = "Completed";
  page.completedAt = deps.now();
  const added = payer.methods.filter((method) => page.addedMethodIds.includes(method.id));
  const postback = { success: true, requestID: page.requestId, payerId: payer.id, paymentMethods: added.map(methodSummary) };
  if (page.serverSideReturnAddress) {
    await deps.outbox.deliver({ account: page.account, pageRequestId: page.requestId, url: page.serverSideReturnAddress }, [{ message: "payer", body: postback }]);
  }
  return { payerId: payer.id, method: added.length > 0 ? methodSummary(added.at(-1)!) : null, finished: true, postback };
}
