import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import type { MirrorPaymentMethod } from "@/lib/sync/mirror-rows";
import { storeCustomerDetail } from "@/lib/sync/sync-customers";
import { readLive } from "../live-read";
import { toCustomerDetailDto, type CustomerDetailDto } from "../mirror-customers";
import { runMoneyAttempt, type MoneyAttemptDto } from "../money-attempts";
import { moneyCall, OPERATIONS, type MoneyContext } from "./context";
import { writeCharge } from "./mirror-writes";
import { MESSAGES, settleAnswer } from "./settle";

/**
 * Charging a customer's saved payment method: `customer:sale` with `custkey` and `paymethod_key`
 * (docs/usaepay-api.md, "Customers and payment methods"). No card number passes through Paydesk;
 * the form names the saved method by its key and shows only its last four digits.
 */
export function methodLabel(method: Pick<MirrorPaymentMethod, "kind" | "brand" | "last4">): string {
  return `${method.kind === "check" ? "Bank account" : (method.brand ?? "Card")} ••••${method.last4 ?? "????"}`;
}

/** The customer as the mirror holds it (refreshed live first when the budget allows). */
async function freshCustomer(ctx: MoneyContext, customerKey: string): Promise<CustomerDetailDto> {
  await readLive({
    merchant: ctx.merchant,
    record: "customer",
    deps: ctx.deps,
    missing: "app_error",
    fetch: (client, signal) => client.getCustomer(customerKey, signal),
    store: (live) => storeCustomerDetail(ctx.merchant.id, live),
    drop: () => db.mirrorCustomer.deleteMany({ where: { merchantAccountId: ctx.merchant.id, key: customerKey } }),
  });
  const row = await db.mirrorCustomer.findUnique({ where: { merchantAccountId_key: { merchantAccountId: ctx.merchant.id, key: customerKey } } });
  if (!row) throw new AppError("not_found", "That customer is not in Paydesk's copy and USAePay could not be asked.");
  return toCustomerDetailDto(row);
}

export interface ChargeRequest {
  customerKey: string;
  paymentMethodKey: string;
  token: string;
  amountCents: number;
  invoice?: string;
  description?: string;
}

export function chargeOnce(ctx: MoneyContext, input: ChargeRequest): Promise<MoneyAttemptDto> {
  let customer: CustomerDetailDto | undefined;
  let method: MirrorPaymentMethod | undefined;
  const now = ctx.now ?? (() => new Date());
  return runMoneyAttempt<UsaepayTransaction>({
    viewer: ctx.viewer,
    meta: ctx.meta,
    merchantId: ctx.merchant.id,
    gateway: "usaepay",
    operation: "charge",
    targetKey: input.customerKey,
    targetType: "customer",
    token: input.token,
    amountCents: input.amountCents,
    reason: null,
    details: { command: OPERATIONS.charge.command, invoice: input.invoice ?? null, description: input.description ?? null },
    guard: async () => {
      customer = await freshCustomer(ctx, input.customerKey);
      method = customer.paymentMethods?.find((candidate) => candidate.key === input.paymentMethodKey);
      if (!method) throw new AppError("no_such_method", "That saved payment method is not on this customer any more. Reload the page.");
      return { customer: customer.displayName, card: methodLabel(method) };
    },
    send: () => moneyCall(ctx, (client) => client.chargeCustomer({ customerKey: input.customerKey, paymentMethodKey: input.paymentMethodKey, amountCents: input.amountCents, invoice: input.invoice, description: input.description })),
    settle: (answer) => settleAnswer(answer, MESSAGES.charge(input.amountCents)),
    applyToMirror: (tx, answer) =>
      writeCharge(
        tx,
        ctx.merchant.id,
        answer,
        {
          customerKey: input.customerKey,
          customerEmail: customer?.email ?? null,
          holder: customer?.displayName ?? "",
          amountCents: input.amountCents,
          invoice: input.invoice,
          description: input.description,
          isCheck: method?.kind === "check",
          last4: method?.last4 ?? null,
        },
        now(),
      ),
    now: ctx.now,
  });
}
