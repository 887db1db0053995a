import "server-only";
import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatCents } from "@/lib/format";
import type { GatewayDeps } from "@/lib/gateways/clients";
import { requestIdFingerprint, type PayerInput } from "@/lib/payments/clientpay";
import { isGatewayError } from "@/lib/payments/http";
import type { RequestMeta } from "@/lib/request-meta";
import type { ChargePayerInput, CreatePayerInput, PayerQuery, UpdatePayerInput } from "@/lib/validation/payers";
import type { Paged } from "@/lib/validation/table-state";
import { upstreamFailure } from "./internal/access-id-messages";
import { toClientpayPaymentDto, writeClientpayPayments, type ClientpayPaymentDto } from "./internal/clientpay-payments-store";
import { rowFields, storePayerDetail, type PayerMethodDto } from "./internal/clientpay-payers-store";
import { effectivePageStatus, newPostbackToken, postbackAddress, sealPageRequestId } from "./internal/clientpay-pages";
import { clientpayAccessOf, clientpayCall, withClientpaySession, type ClientpayAccessDto, type ClientpayContext } from "./internal/clientpay-session";
import type { LiveRead } from "./internal/live-read";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";
import { findBlockingAttempt, listMoneyAttempts, runMoneyAttempt, type MoneyAttemptDto } from "./internal/money-attempts";
import { issueMoneyToken } from "./internal/money-token";

/**
 * Payers: the ones Paydesk knows (ClientPay has no list of payers: they are the ones created here
 * and the ones seen on payments), read live with Get Payer (our extension; docs/clientpay-api.md,
 * "Payers"). Payment methods are added only on ClientPay's payer page, so no card or bank number
 * is ever typed into Paydesk; a saved method can be charged (a money operation).
 */

export interface PayerDto {
  payerId: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  email: string | null;
  source: string;
  methods: PayerMethodDto[] | null;
  detailSyncedAt: string | null;
  updatedAt: string;
}

type PayerRow = Prisma.ClientpayPayerGetPayload<object>;

function toDto(row: PayerRow): PayerDto {
  return {
    payerId: row.payerId,
    displayName: row.displayName,
    firstName: row.firstName,
    lastName: row.lastName,
    businessName: row.businessName,
    email: row.email,
    source: row.source,
    methods: row.paymentMethodsJson ? (JSON.parse(row.paymentMethodsJson) as PayerMethodDto[]) : null,
    detailSyncedAt: row.detailSyncedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function contextFor(viewer: Viewer, merchant: MerchantDto, during: string, deps: GatewayDeps, meta?: RequestMeta): ClientpayContext {
  return { merchant, actor: viewer, meta, during, deps };
}

export async function listPayers(viewer: Viewer, merchantSlug: string, query: PayerQuery): Promise<Paged<PayerDto> & { access: ClientpayAccessDto }> {
  const merchant = await merchantFor(viewer, "payers:read", { slug: merchantSlug });
  const q = query.q.toLowerCase();
  const where: Prisma.ClientpayPayerWhereInput = { merchantAccountId: merchant.id, ...(q ? { search: { contains: q } } : {}) };
  const orderBy: Prisma.ClientpayPayerOrderByWithRelationInput[] =
    query.sort === "name" ? [{ displayNameLower: query.dir }, { payerId: "asc" }] : [{ updatedAt: query.dir }, { payerId: "asc" }];
  const [rows, total, access] = await Promise.all([
    db.clientpayPayer.findMany({ where, orderBy, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.clientpayPayer.count({ where }),
    clientpayAccessOf(merchant.id),
  ]);
  return { items: rows.map(toDto), total, page: query.page, pageSize: query.pageSize, access };
}

export interface PayerPageDto {
  id: string;
  status: string;
  hostedUrl: string;
  createdAt: string;
  createdByEmail: string | null;
  expiresAt: string;
}

export type { PayerMethodDto } from "./internal/clientpay-payers-store";

export type PayerDetail = LiveRead & {
  payer: PayerDto;
  payments: ClientpayPaymentDto[];
  pages: PayerPageDto[];
  attempts: MoneyAttemptDto[];
  blocking: MoneyAttemptDto | null;
  /** One-time token for the charge form, when this viewer may charge and a method is saved. */
  chargeToken: string | null;
  access: ClientpayAccessDto;
};

const CHARGE_OPERATION = { gateway: "clientpay", operation: "charge" } as const;
/** Payer pages live a week: long enough to send the link and have it used. */
const PAYER_PAGE_SECONDS = 7 * 86_400;

async function payerRow(merchant: MerchantDto, payerId: string): Promise<PayerRow> {
  const row = await db.clientpayPayer.findUnique({ where: { merchantAccountId_payerId: { merchantAccountId: merchant.id, payerId } } });
  if (!row) notFound();
  return row;
}

/** One payer: its methods read live (Get Payer) when ClientPay answers, else the last copy, marked. */
export async function getPayerDetail(viewer: Viewer, merchantSlug: string, payerId: string, deps: GatewayDeps = {}): Promise<PayerDetail> {
  const merchant = await merchantFor(viewer, "payers:read", { slug: merchantSlug });
  await payerRow(merchant, payerId);
  let read: LiveRead = { source: "live" };
  try {
    const live = await clientpayCall(contextFor(viewer, merchant, "payers.read", deps), (session) => session.getPayer(payerId));
    if (live) await storePayerDetail(merchant.id, live);
    else read = { source: "mirror", fallbackReason: "ClientPay returned no record of this payer (it may have been deleted in ClientPay)." };
  } catch (error) {
    read = { source: "mirror", fallbackReason: error instanceof AppError ? error.userMessage : "ClientPay could not be reached." };
  }
  const row = await payerRow(merchant, payerId);
  const payer = toDto(row);
  const [payments, pages, attempts, blocking, access] = await Promise.all([
    db.clientpayPayment.findMany({ where: { merchantAccountId: merchant.id, payerId }, orderBy: [{ paidAt: "desc" }], take: 10 }),
    db.clientpayPage.findMany({ where: { merchantAccountId: merchant.id, kind: "payer", payerId }, orderBy: { createdAt: "desc" }, take: 10 }),
    listMoneyAttempts(merchant.id, payerId),
    findBlockingAttempt(merchant.id, CHARGE_OPERATION.gateway, payerId),
    clientpayAccessOf(merchant.id),
  ]);
  const chargeable = !!payer.methods?.length && access.usable && !blocking && can(viewer.role, "payers:charge");
  return {
    ...read,
    payer,
    payments: payments.map(toClientpayPaymentDto),
    pages: pages.map((page) => ({ id: page.id, status: effectivePageStatus(page), hostedUrl: page.hostedUrl, createdAt: page.createdAt.toISOString(), createdByEmail: page.createdByEmail, expiresAt: page.expiresAt.toISOString() })),
    attempts,
    blocking,
    chargeToken: chargeable ? issueMoneyToken({ viewerId: viewer.id, merchantId: merchant.id, operation: `${CHARGE_OPERATION.gateway}.${CHARGE_OPERATION.operation}`, targetKey: payerId }) : null,
    access,
  };
}

// ---- payer records (admins) -------------------------------------------------------------------------

function payerInput(input: Pick<CreatePayerInput, "firstName" | "lastName" | "businessName" | "email">): PayerInput {
  return {
    firstName: input.firstName || undefined,
    lastName: input.lastName || undefined,
    businessName: input.businessName || undefined,
    // 1 "First Last", 2 "Business Name" (docs/clientpay-api.md, "Payers").
    payerName: input.firstName || input.lastName ? 1 : 2,
    emails: input.email ? [input.email] : [],
  };
}

function audit(viewer: Viewer, merchant: MerchantDto, action: string, payerId: string, meta: RequestMeta, details: Record<string, string | null>, outcome: "success" | "failure" = "success") {
  return recordAuditEvent({ actor: viewer, action, outcome, targetType: "payer", targetId: payerId, meta, details: { merchantId: merchant.id, ...details } });
}

/** New Payer; the payer then adds a payment method on ClientPay's payer page. */
export async function createPayer(viewer: Viewer, merchantSlug: string, input: CreatePayerInput, meta: RequestMeta, deps: GatewayDeps = {}): Promise<{ payerId: string }> {
  const merchant = await merchantFor(viewer, "payers:manage", { slug: merchantSlug });
  const payerId = await clientpayCall(contextFor(viewer, merchant, "payers.create", deps, meta), (session) => session.createPayer(payerInput(input)), {
    consequence: "No payer was created.",
    auditFailure: { action: "payer.create", targetType: "payer", targetId: null, details: { email: input.email || null } },
  });
  const fields = rowFields(input, `Payer ${payerId}`);
  await db.$transaction(async (tx) => {
    await tx.clientpayPayer.upsert({
      where: { merchantAccountId_payerId: { merchantAccountId: merchant.id, payerId } },
      create: { merchantAccountId: merchant.id, payerId, source: "paydesk", ...fields, paymentMethodsJson: "[]" },
      update: { ...fields },
    });
    await recordAuditEvent({ actor: viewer, action: "payer.create", targetType: "payer", targetId: payerId, meta, details: { merchantId: merchant.id, name: fields.displayName, email: fields.email } }, tx);
  });
  return { payerId };
}

export async function updatePayer(viewer: Viewer, merchantSlug: string, input: UpdatePayerInput, meta: RequestMeta, deps: GatewayDeps = {}): Promise<void> {
  const merchant = await merchantFor(viewer, "payers:manage", { slug: merchantSlug });
  const before = await payerRow(merchant, input.payerId);
  await clientpayCall(contextFor(viewer, merchant, "payers.update", deps, meta), (session) => session.updatePayer(input.payerId, payerInput(input)), {
    auditFailure: { action: "payer.update", targetType: "payer", targetId: input.payerId, details: { before: before.displayName } },
  });
  const fields = rowFields(input, before.displayName);
  await db.$transaction(async (tx) => {
    await tx.clientpayPayer.update({ where: { merchantAccountId_payerId: { merchantAccountId: merchant.id, payerId: input.payerId } }, data: fields });
    await recordAuditEvent(
      { actor: viewer, action: "payer.update", targetType: "payer", targetId: input.payerId, meta, details: { merchantId: merchant.id, before: before.displayName, after: fields.displayName, email: fields.email } },
      tx,
    );
  });
}

export async function deletePayer(viewer: Viewer, merchantSlug: string, payerId: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<void> {
  const merchant = await merchantFor(viewer, "payers:manage", { slug: merchantSlug });
  const before = await payerRow(merchant, payerId);
  try {
    await withClientpaySession(contextFor(viewer, merchant, "payers.delete", deps, meta), (session) => session.deletePayer(payerId));
  } catch (error) {
    // Already gone at ClientPay: Paydesk's record is what is left to remove.
    const gone = isGatewayError(error) && error.kind === "not_found";
    if (!gone) {
      await audit(viewer, merchant, "payer.delete", payerId, meta, { name: before.displayName, reason: error instanceof AppError ? error.code : "clientpay_failed" }, "failure");
      throw error instanceof AppError ? error : upstreamFailure(error, "The payer was not deleted.");
    }
  }
  await db.$transaction(async (tx) => {
    await tx.clientpayPayer.delete({ where: { merchantAccountId_payerId: { merchantAccountId: merchant.id, payerId } } });
    await recordAuditEvent({ actor: viewer, action: "payer.delete", targetType: "payer", targetId: payerId, meta, details: { merchantId: merchant.id, name: before.displayName } }, tx);
  });
}

/**
 * A payer page for this payer (docs/clientpay-api.md, "Hosted pages"): the payer types the card
 * or bank details on ClientPay's page; its postback tells Paydesk to re-read the payer's methods.
 */
export async function createPayerPage(viewer: Viewer, merchantSlug: string, payerId: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<{ pageId: string; hostedUrl: string }> {
  const merchant = await merchantFor(viewer, "payers:manage", { slug: merchantSlug });
  const payer = await payerRow(merchant, payerId);
  const pageId = randomUUID();
  const postback = newPostbackToken();
  const created = await clientpayCall(
    contextFor(viewer, merchant, "payers.payer_page", deps, meta),
    (session) =>
      session.createPayerPage({
        payerId,
        acceptMultipleMethods: true,
        pageOptions: { headerText: `Save a payment method with ${merchant.name}`, duration: PAYER_PAGE_SECONDS },
        responseOptions: { serverSideReturnAddress: postbackAddress(pageId, postback.token) },
      }),
    { consequence: "No payer page was created.", auditFailure: { action: "payer_page.create", targetType: "payer", targetId: payerId } },
  );
  await db.$transaction(async (tx) => {
    await tx.clientpayPage.create({
      data: {
        id: pageId,
        merchantAccountId: merchant.id,
        kind: "payer",
        requestIdSealed: sealPageRequestId(pageId, created.requestId),
        requestIdHash: requestIdFingerprint(created.requestId),
        hostedUrl: created.url,
        postbackTokenHash: postback.hash,
        expiresAt: new Date(Date.now() + PAYER_PAGE_SECONDS * 1000),
        payerName: payer.displayName,
        payerEmail: payer.email,
        payerId,
        search: payer.search,
        createdByEmail: viewer.email,
      },
    });
    await recordAuditEvent({ actor: viewer, action: "payer_page.create", targetType: "payer", targetId: payerId, meta, details: { merchantId: merchant.id, pageId } }, tx);
  });
  return { pageId, hostedUrl: created.url };
}

// ---- charging a saved method (money) ---------------------------------------------------------------

/**
 * Payment with payerOrPaymentMethodId (docs/clientpay-api.md, "Payments"), once: the attempt row
 * (keyed by the form's token) is stored before the call, the request ID is sealed on it before it
 * goes out, and a decline is a result, not an error. An unknown outcome blocks this payer's next
 * charge until checkClientpayAttempt finds (or rules out) the payment by that request ID.
 */
export async function chargePayer(viewer: Viewer, merchantSlug: string, input: ChargePayerInput, meta: RequestMeta, deps: GatewayDeps = {}): Promise<MoneyAttemptDto> {
  const merchant = await merchantFor(viewer, "payers:charge", { slug: merchantSlug });
  const payer = toDto(await payerRow(merchant, input.payerId));
  const method = input.paymentMethodId ? payer.methods?.find((candidate) => candidate.id === input.paymentMethodId) : payer.methods?.find((candidate) => candidate.isPrimary);
  if (!method) throw new AppError("no_method", "This payer has no such saved payment method. Nothing was charged.");
  const context = contextFor(viewer, merchant, "payers.charge", deps, meta);
  return runMoneyAttempt({
    viewer,
    meta,
    merchantId: merchant.id,
    ...CHARGE_OPERATION,
    targetKey: input.payerId,
    targetType: "payer",
    token: input.token,
    amountCents: input.amountCents,
    reason: { code: "charge", text: input.description || null },
    details: { payerId: input.payerId, paymentMethodId: method.id, method: `${method.type === "eCheck" ? "eCheck" : (method.cardBrand ?? "Card")} ••••${method.last4 ?? ""}`, orderId: input.orderId || null },
    send: ({ rememberRequestId }) =>
      withClientpaySession(context, (session) =>
        session.makePayment(
          { payerOrPaymentMethodId: method.id, totalAmountCents: input.amountCents, description: input.description || undefined, orderId: input.orderId || undefined },
          { onRequestId: (requestId) => rememberRequestId(requestId.reveal()) },
        ),
      ),
    settle: (result) =>
      result.approved
        ? { status: "succeeded", resultRef: result.payment.paymentId, resultCode: result.payment.paymentStatus, message: `Charged ${formatCents(input.amountCents)} (payment ${result.payment.paymentId}).` }
        : { status: "declined", resultRef: result.payment.paymentId, resultCode: result.payment.paymentStatus, message: "ClientPay declined the charge on this payment method. Nothing was taken." },
    // The Payment answer is the postback field set: what Paydesk sent fills in the rest until the next read.
    applyToMirror: (tx, result) =>
      writeClientpayPayments(tx, merchant.id, [
        {
          ...result.payment,
          payerId: result.payment.payerId ?? input.payerId,
          paymentMethodId: result.payment.paymentMethodId ?? method.id,
          payerName: result.payment.payerName ?? payer.displayName,
          payerEmail: result.payment.payerEmail ?? payer.email,
          orderId: result.payment.orderId ?? (input.orderId || null),
          description: result.payment.description ?? (input.description || null),
          method: result.payment.method ?? method.type,
          accountLast4: result.payment.accountLast4 ?? method.last4,
          cardBrand: result.payment.cardBrand ?? method.cardBrand,
        },
      ]).then(() => undefined),
  });
}
