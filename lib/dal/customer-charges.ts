import "server-only";
import type { ActionState } from "@/lib/actions/action-state";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { RequestMeta } from "@/lib/request-meta";
import type { ChargeInput } from "@/lib/validation/money-actions";
import { merchantFor } from "./internal/merchant-access";
import { findBlockingAttempt, listMoneyAttempts, type MoneyAttemptDto } from "./internal/money-attempts";
import { chargeOnce, methodLabel } from "./internal/usaepay-money/charge";
import { attemptState } from "./internal/usaepay-money/context";
import { issueFor, tokenGeneration } from "./internal/usaepay-money/panel";
import { toCustomerDetailDto } from "./internal/mirror-customers";

/**
 * Charging a customer's saved card or bank account from the customer's page (managers and
 * admins). The form lists the saved methods by their last four digits only; no card number is
 * ever typed into Paydesk. The charge goes through the money machinery like a refund.
 */
export interface ChargeForm {
  token: string;
  methods: { key: string; label: string; expires: string | null }[];
  blocking: MoneyAttemptDto | null;
  attempts: MoneyAttemptDto[];
  customerName: string;
}

/** The form for this viewer, or null when the role may not charge (the page then shows none). */
export async function getChargeForm(viewer: Viewer, slug: string, customerKey: string): Promise<ChargeForm | null> {
  if (!can(viewer.role, "customers:charge")) return null;
  const merchant = await merchantFor(viewer, "customers:charge", { slug });
  const row = await db.mirrorCustomer.findUnique({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key: customerKey } } });
  if (!row) return null;
  const customer = toCustomerDetailDto(row);
  const [generation, blocking, attempts] = await Promise.all([
    tokenGeneration(merchant.id, customerKey),
    findBlockingAttempt(merchant.id, "usaepay", customerKey),
    listMoneyAttempts(merchant.id, customerKey),
  ]);
  return {
    token: issueFor(viewer, merchant, "charge", customerKey, generation),
    methods: (customer.paymentMethods ?? []).map((method) => ({ key: method.key, label: methodLabel(method), expires: method.expires })),
    blocking,
    attempts: attempts.filter((attempt) => attempt.operation === "charge"),
    customerName: customer.displayName,
  };
}

export async function chargeSavedMethod(viewer: Viewer, slug: string, input: Omit<ChargeInput, "merchant" | "invoice" | "description"> & { invoice?: string; description?: string }, meta: RequestMeta, deps?: Pick<GatewayDeps, "fetch">): Promise<ActionState> {
  const merchant = await merchantFor(viewer, "customers:charge", { slug });
  const attempt = await chargeOnce(
    { viewer, meta, merchant, deps },
    { customerKey: input.customer, paymentMethodKey: input.paymentMethod, token: input.token, amountCents: input.amount, invoice: input.invoice, description: input.description },
  );
  return attemptState(attempt);
}
