import { Hono } from "hono";
import { badRequest } from "../api-error";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { assertFundingValid, charge, paymentWire, refundOrVoid, resolveSavedFunding, type Funding } from "../payment-engine";
import { accountOf, consumeRequestId, parseBody, readBody, requireAccess, toCents } from "../request-guards";
import { paymentBody, refundBody } from "../wire-schemas";

/** Direct Payment and Full Refund/Void (docs/clientpay-api.md, "Payments" and "Refund or void"). */
export function paymentRoutes(deps: EmulatorDeps) {
  const routes = new Hono<EmulatorEnv>();

  routes.post("/payment", async (c) => {
    const access = requireAccess(c, deps);
    const account = accountOf(access);
    const raw = await readBody(c);
    const requestId = consumeRequestId(deps, access, raw);
    const body = parseBody(paymentBody, raw);
    const sources = [body.creditCard, body.eCheck, body.payerOrPaymentMethodId].filter((source) => source != null && source !== "");
    if (sources.length !== 1) {
      throw badRequest("Send exactly one of creditCard, eCheck or payerOrPaymentMethodId.", [
        "creditCard",
        "payerOrPaymentMethodId",
      ]);
    }
    if (body.tax != null && body.tax > body.totalAmount) throw badRequest("tax cannot exceed totalAmount.", ["tax"]);
    const funding: Funding = body.creditCard
      ? { kind: "card", card: body.creditCard }
      : body.eCheck
        ? { kind: "eCheck", eCheck: body.eCheck }
        : resolveSavedFunding(deps, account, body.payerOrPaymentMethodId!);
    assertFundingValid(funding);
    const payment = charge(deps, {
      account,
      requestId,
      sessionId: body.token.sessionId ?? null,
      customerRefNumber: body.token.customerId ?? null,
      amountCents: toCents(body.totalAmount),
      taxCents: toCents(body.tax ?? 0),
      funding,
      orderId: body.orderId ?? null,
      description: body.description ?? null,
      payerName: body.billingInformation?.nameOnAccount ?? null,
      payerEmail: null,
      invoiceNumbers: [],
      pageRequestId: null,
    });
    // A decline is a business outcome: HTTP 200 with success false (docs/clientpay-api.md, "Test cards and magic inputs").
    return c.json({ success: payment.status === "Approved", ...paymentWire(deps, payment) });
  });

  const refund = async (c: Parameters<typeof readBody>[0]) => {
    const access = requireAccess(c, deps);
    const account = accountOf(access);
    const raw = await readBody(c);
    const requestId = consumeRequestId(deps, access, raw);
    const body = parseBody(refundBody, raw);
    return c.json(
      refundOrVoid(deps, account, {
        paymentId: body.paymentId,
        requestId,
        enableRemainingAmountRefunds: body.enableRemainingAmountRefunds ?? false,
        refundNote: body.refundNote ?? null,
        orderId: body.orderId ?? null,
      }),
    );
  };
  routes.post("/payment/refund", refund);
  routes.post("/refund", refund);

  return routes;
}
