import { Hono } from "hono";
import { badRequest, notFound } from "../api-error";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { isLuhnValid } from "../payment-engine";
import { addPayer, attachMethods, buildMethod, methodSummary, setPrimary } from "../payment-methods";
import type { PaymentMethodRecord } from "../records";
import { accountOf, consumeRequestId, parseBody, readBody, requireAccess } from "../request-guards";
import { deletePayerBody, getPayerBody, newPayerBody, newPaymentMethodsBody, updatePayerBody, updatePaymentMethodsBody } from "../wire-schemas";

/**
 * Payers and their saved payment methods (docs/clientpay-api.md, "Payers"); all documented
 * calls take a token. Get Payer is our extension (a read, so no token).
 */
export function payerRoutes(deps: EmulatorDeps) {
  const routes = new Hono<EmulatorEnv>();
  const { store } = deps;

  const begin = async (c: Parameters<typeof readBody>[0]) => {
    const access = requireAccess(c, deps);
    const account = accountOf(access);
    const raw = await readBody(c);
    consumeRequestId(deps, access, raw);
    return { account, raw };
  };

  const methodsWire = (methods: PaymentMethodRecord[]) => ({
    success: true,
    paymentMethods: methods.map((method) => ({ id: method.id, isPrimary: method.isPrimary })),
  });

  routes.post("/payer", async (c) => {
    const { account, raw } = await begin(c);
    const { payer } = parseBody(newPayerBody, raw);
    const record = addPayer(store, account, payer);
    return c.json({ success: true, payerId: record.id });
  });

  routes.post("/payer/update", async (c) => {
    const { account, raw } = await begin(c);
    const body = parseBody(updatePayerBody, raw);
    const payer = store.payerOf(account, body.payerId);
    if (!payer) throw notFound("No payer has that payerId.", ["payerId"]);
    const next = {
      firstName: body.payer.firstName !== undefined ? body.payer.firstName : payer.firstName,
      lastName: body.payer.lastName !== undefined ? body.payer.lastName : payer.lastName,
      businessName: body.payer.businessName !== undefined ? body.payer.businessName : payer.businessName,
    };
    if (!next.firstName?.trim() && !next.lastName?.trim() && !next.businessName?.trim()) {
      throw badRequest("payer needs at least one of firstName, lastName, businessName.", ["payer"]);
    }
    Object.assign(payer, next);
    if (body.payer.payerName != null) payer.payerName = body.payer.payerName;
    if (body.payer.emails != null) payer.emails = body.payer.emails;
    if (body.payer.payerAddress != null) payer.payerAddress = body.payer.payerAddress;
    return c.json({ success: true, payerId: payer.id });
  });

  routes.post("/payer/delete", async (c) => {
    const { account, raw } = await begin(c);
    const body = parseBody(deletePayerBody, raw);
    if (!store.payerOf(account, body.payerId)) throw notFound("No payer has that payerId.", ["payerId"]);
    store.payers.delete(body.payerId);
    return c.json({ success: true, payerId: body.payerId });
  });

  routes.post("/payer/paymentmethods", async (c) => {
    const { account, raw } = await begin(c);
    const body = parseBody(newPaymentMethodsBody, raw);
    const payer = store.payerOf(account, body.payerId);
    if (!payer) throw notFound("No payer has that payerId.", ["payerId"]);
    // Validate every item before saving any, so a bad item leaves the payer unchanged.
    body.paymentMethods.forEach((method, index) => {
      if (Boolean(method.creditCard) === Boolean(method.eCheck)) {
        throw badRequest("Each payment method needs exactly one of creditCard or eCheck.", [`paymentMethods.${index}`]);
      }
      if (method.creditCard && !isLuhnValid(method.creditCard.cardNumber)) {
        throw badRequest("The card number is not valid.", [`paymentMethods.${index}.creditCard.cardNumber`]);
      }
      if (method.id && store.paymentMethodOf(account, method.id)) {
        throw badRequest("A payment method with that id already exists.", [`paymentMethods.${index}.id`]);
      }
    });
    const created = body.paymentMethods.map((input) => ({ method: buildMethod(store, payer.id, input), primary: input.isPrimary === true }));
    attachMethods(payer, created);
    return c.json(methodsWire(created.map((entry) => entry.method)));
  });

  routes.post("/payer/paymentmethods/update", async (c) => {
    const { account, raw } = await begin(c);
    const body = parseBody(updatePaymentMethodsBody, raw);
    const found = body.paymentMethods.map((input, index) => {
      const hit = store.paymentMethodOf(account, input.id);
      if (!hit) throw notFound("No payment method has that id.", [`paymentMethods.${index}.id`]);
      return { input, ...hit };
    });
    for (const { input, payer, method } of found) {
      if (input.creditCard?.cardholderName != null) method.cardholderName = input.creditCard.cardholderName;
      if (input.creditCard?.expirationDateMonth != null) method.expirationDateMonth = input.creditCard.expirationDateMonth;
      if (input.creditCard?.expirationDateYear != null) method.expirationDateYear = input.creditCard.expirationDateYear;
      if (input.eCheck?.nameOnAccount != null) method.nameOnAccount = input.eCheck.nameOnAccount;
      if (input.isPrimary === true) setPrimary(payer, method);
      if (input.isPrimary === false) method.isPrimary = false;
    }
    return c.json(methodsWire(found.map((entry) => entry.method)));
  });

  // Get Payer — our extension: ClientPay documents no read of a payer or its methods.
  routes.post("/payer/get", async (c) => {
    const account = accountOf(requireAccess(c, deps));
    const body = parseBody(getPayerBody, await readBody(c));
    const payer = store.payerOf(account, body.payerId);
    if (!payer) throw notFound("No payer has that payerId.", ["payerId"]);
    const { methods, account: _account, id, ...fields } = payer;
    return c.json({ success: true, payer: { payerId: id, ...fields, paymentMethods: methods.map(methodSummary) } });
  });

  return routes;
}
