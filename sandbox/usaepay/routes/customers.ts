import { type Context, Hono } from "hono";
import { brandOf, maskCard, validateCard, BRAND_NAMES, type CardBrand } from "../cards";
import type { GateEnv } from "../gate";
import { apiError, listBody, listWindow, readBody } from "../http-helpers";
import type { BillingScheduleRecord, CustomerRecord, PaymentMethodRecord } from "../model";
import { asObject, type Body, cents, readAddress, str, truthy } from "../request-fields";
import { customerJson, paymentMethodJson, scheduleJson, transactionDetail } from "../serialize";
import type { MerchantStore } from "../store";

/** /customers endpoints incl. payment methods and billing schedules (docs/usaepay-api.md, "Customers and payment methods"). */
const CUSTOMER_FIELDS = ["company", "first_name", "last_name", "street", "street2", "city", "state", "postalcode", "country", "phone", "fax", "email", "url", "notes", "description", "customerid"] as const;

function customerNotFound(c: Context) {
  return apiError(c, 404, "Customer Not Found", 40030);
}

function applyCustomerFields(customer: CustomerRecord, body: Body): void {
  const aliases: Record<string, string> = { first_name: "firstname", last_name: "lastname", postalcode: "zip" };
  for (const field of CUSTOMER_FIELDS) {
    const value = body[field] ?? (aliases[field] ? body[aliases[field] as string] : undefined);
    if (value !== undefined) customer[field] = str(value) ?? "";
  }
  const custom = asObject(body.custom_fields);
  if (custom) for (const [name, value] of Object.entries(custom)) customer.customFields[name] = value === null ? null : String(value);
  if (body.enabled !== undefined) customer.enabled = truthy(body.enabled);
}

type MethodResult = { method: PaymentMethodRecord } | { error: { status: 400; message: string; code: number } };

function buildPaymentMethod(store: MerchantStore, body: Body, now: number, sortord: number): MethodResult {
  const payType = (str(body.pay_type) ?? (body.routing ? "check" : "cc")).toLowerCase();
  const key = store.nextPaymentMethodKey();
  if (payType === "check") {
    const routing = str(body.routing) ?? "";
    const account = str(body.account) ?? "";
    if (!/^\d{9}$/.test(routing)) return { error: { status: 400, message: "Invalid Routing Number.", code: 38 } };
    if (!/^\d{4,}$/.test(account)) return { error: { status: 400, message: "Invalid Checking Account Number.", code: 39 } };
    return { method: { key, payType: "check", methodName: str(body.method_name) ?? "Checking account", cardholder: str(body.cardholder ?? body.accountholder) ?? "", expires: "0000-00-00", masked: `xxxxx${account.slice(-4)}`, routingMasked: `xxxxx${routing.slice(-4)}`, accountType: str(body.account_type) === "savings" ? "Savings" : "Checking", sortord, added: now, updated: now, secretNumber: account } };
  }
  const number = (str(body.number) ?? "").replace(/[\s-]/g, "");
  const expiration = str(body.expiration ?? body.expires) ?? "";
  const invalid = validateCard(number, expiration, new Date(now), false);
  if (invalid) return { error: { status: 400, message: invalid.code === 17 || invalid.code >= 15 ? "Invalid expiration date" : invalid.message, code: invalid.code === 17 || (invalid.code >= 15 && invalid.code <= 16) || invalid.code === 85 ? 40452 : invalid.code } };
  const brand = brandOf(number) as CardBrand | undefined;
  if (!brand) return { error: { status: 400, message: "Invalid Credit Card Number (1)", code: 14 } };
  return { method: { key, payType: "cc", methodName: str(body.method_name) ?? `${BRAND_NAMES[brand]} ${number.slice(-4)}`, cardholder: str(body.cardholder) ?? "", expires: expiration, brand, masked: maskCard(number), avsStreet: str(body.avs_street), avsPostalcode: str(body.avs_postalcode ?? body.avs_zip), sortord, added: now, updated: now, secretNumber: number } };
}

function buildSchedule(store: MerchantStore, customer: CustomerRecord, body: Body, existing?: BillingScheduleRecord): BillingScheduleRecord | string {
  const paymethodKey = str(body.paymethod_key) ?? existing?.paymethodKey ?? customer.paymentMethods[0]?.key;
  if (!paymethodKey || !customer.paymentMethods.some((m) => m.key === paymethodKey)) return "No payment methods available";
  const amount = body.amount === undefined ? existing?.amount : cents(body.amount);
  if (amount === undefined) return "Amount not specified";
  return {
    key: existing?.key ?? store.nextScheduleKey(),
    paymethodKey,
    amount,
    description: str(body.description) ?? existing?.description ?? "",
    enabled: body.enabled === undefined ? (existing?.enabled ?? true) : truthy(body.enabled),
    frequency: str(body.frequency) ?? existing?.frequency ?? "monthly",
    nextDate: str(body.next_date) ?? existing?.nextDate ?? str(body.start_date) ?? "",
    startDate: str(body.start_date) ?? existing?.startDate ?? "0000-00-00",
    numleft: body.numleft === undefined ? (existing?.numleft ?? -1) : Number(body.numleft),
    skipCount: body.skip_count === undefined ? (existing?.skipCount ?? 1) : Number(body.skip_count),
    currencyCode: str(body.currency_code) ?? existing?.currencyCode ?? "0",
    sendReceipt: body.send_receipt === undefined ? (existing?.sendReceipt ?? false) : truthy(body.send_receipt),
    orderid: str(body.orderid) ?? existing?.orderid,
    receiptNote: str(body.receipt_note) ?? existing?.receiptNote,
    tax: body.tax === undefined ? existing?.tax : cents(body.tax),
  };
}

export function customerRoutes(now: () => number): Hono<GateEnv> {
  const api = new Hono<GateEnv>();

  const withCustomer = (c: Context<GateEnv>): CustomerRecord | undefined => c.get("merchant").findCustomer(c.req.param("custkey") ?? "");
  /** Customers are mutated on a copy so the generated cache stays pristine for reset. */
  const editable = (customer: CustomerRecord): CustomerRecord => structuredClone(customer);

  api.get("/customers", (c) => {
    const window = listWindow(c);
    const page = c.get("merchant").listCustomers(window.offset, window.limit);
    return c.json(listBody(page.rows.map((customer) => customerJson(customer, false)), page.total, window));
  });

  api.post("/customers", async (c) => {
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const body = asObject(parsed.value) ?? {};
    const store = c.get("merchant");
    const at = now();
    const fromTx = str(body.transaction_key);
    let seedFields: Body = body;
    let method: PaymentMethodRecord | undefined;
    if (fromTx) {
      const tx = store.findTransaction(fromTx);
      if (!tx) return apiError(c, 400, "Unable to create customer from requested transaction", 106);
      if ((tx.resultCode !== "A" && tx.resultCode !== "P") || !["S", "C", "K"].includes(tx.trantypeCode)) return apiError(c, 400, "Transaction type not supported", 107);
      seedFields = { ...tx.billing, email: tx.email, ...body };
      if (tx.tender?.kind === "card" && tx.tender.number) {
        method = { key: store.nextPaymentMethodKey(), payType: "cc", methodName: `${BRAND_NAMES[tx.tender.brand]} ${tx.tender.masked.slice(-4)}`, cardholder: tx.tender.cardholder, expires: tx.tender.expiration, brand: tx.tender.brand, masked: tx.tender.masked, sortord: 0, added: at, updated: at, secretNumber: tx.tender.number };
      }
    }
    const address = readAddress(seedFields) ?? {};
    if (!str(seedFields.company) && !(address.first_name && address.last_name)) {
      return apiError(c, 400, "Customer Name not submitted.", 37);
    }
    const customer = store.addCustomer((index, key) => {
      const record: CustomerRecord = {
        index, key, custid: store.nextCustid(), customerid: "", company: "", first_name: "", last_name: "", street: "", street2: "", city: "", state: "",
        postalcode: "", country: "", phone: "", fax: "", email: "", url: "", notes: "", description: "", enabled: true, customFields: {},
        paymentMethods: method ? [method] : [], billingSchedules: [], created: at,
      };
      applyCustomerFields(record, seedFields);
      return record;
    });
    if (fromTx) {
      const tx = store.findTransaction(fromTx);
      if (tx) store.updateTransaction(tx.index, { custIndex: customer.index }, at);
    }
    return c.json({ ...customerJson(customer, false), payment_methods: null, billing_schedules: null });
  });

  api.delete("/customers/bulk", async (c) => {
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const keys = asObject(parsed.value)?.keys;
    const store = c.get("merchant");
    if (!Array.isArray(keys)) return apiError(c, 400, "Customer Not Found", 99999);
    for (const key of keys) {
      const customer = store.findCustomer(String(key));
      if (customer) store.deleteCustomer(customer.index);
    }
    return c.json({ status: "success" });
  });

  for (const action of ["enable", "disable"] as const) {
    api.post(`/customers/${action}`, async (c) => {
      const parsed = await readBody(c);
      if (!parsed.ok) return parsed.response;
      const store = c.get("merchant");
      const customer = store.findCustomer(str(asObject(parsed.value)?.key) ?? "");
      if (!customer) return customerNotFound(c);
      store.saveCustomer({ ...editable(customer), enabled: action === "enable" });
      return c.json({ status: "success" });
    });
  }

  api.get("/customers/:custkey", (c) => {
    const customer = withCustomer(c);
    return customer ? c.json(customerJson(customer, true)) : customerNotFound(c);
  });

  api.put("/customers/:custkey", async (c) => {
    const customer = withCustomer(c);
    if (!customer) return customerNotFound(c);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const updated = editable(customer);
    applyCustomerFields(updated, asObject(parsed.value) ?? {});
    c.get("merchant").saveCustomer(updated);
    return c.json(customerJson(updated, true));
  });

  api.delete("/customers/:custkey", (c) => {
    const customer = withCustomer(c);
    if (!customer) return apiError(c, 404, "Customer Not Found", 99999);
    c.get("merchant").deleteCustomer(customer.index);
    return c.json({ status: "success" });
  });

  api.get("/customers/:custkey/transactions", (c) => {
    const customer = withCustomer(c);
    if (!customer) return customerNotFound(c);
    const store = c.get("merchant");
    const window = listWindow(c);
    const page = store.customerTransactions(customer.index, window.offset, window.limit);
    return c.json(listBody(page.rows.map((tx) => transactionDetail(store, tx)), page.total, window));
  });

  // ---- payment methods ----
  api.get("/customers/:custkey/payment_methods", (c) => {
    const customer = withCustomer(c);
    if (!customer) return customerNotFound(c);
    const window = listWindow(c);
    const methods = customer.paymentMethods.slice(window.offset, window.offset + window.limit).map(paymentMethodJson);
    return c.json(listBody(methods, customer.paymentMethods.length, window));
  });

  api.post("/customers/:custkey/payment_methods", async (c) => {
    const customer = withCustomer(c);
    if (!customer) return customerNotFound(c);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const asArray = Array.isArray(parsed.value);
    const inputs = (asArray ? (parsed.value as unknown[]) : [parsed.value]).map((item) => asObject(item) ?? {});
    const store = c.get("merchant");
    const updated = editable(customer);
    const created: PaymentMethodRecord[] = [];
    for (const input of inputs) {
      const result = buildPaymentMethod(store, input, now(), updated.paymentMethods.length);
      if ("error" in result) return apiError(c, result.error.status, result.error.message, result.error.code);
      if (truthy(input.default)) updated.paymentMethods.unshift(result.method);
      else updated.paymentMethods.push(result.method);
      created.push(result.method);
    }
    store.saveCustomer(updated);
    const json = created.map(paymentMethodJson);
    return c.json(asArray ? json : json[0]);
  });

  api.delete("/customers/:custkey/payment_methods/bulk", async (c) => {
    const customer = withCustomer(c);
    if (!customer) return customerNotFound(c);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const keys = asObject(parsed.value)?.keys;
    const remove = new Set(Array.isArray(keys) ? keys.map(String) : []);
    const updated = editable(customer);
    updated.paymentMethods = updated.paymentMethods.filter((m) => !remove.has(m.key));
    c.get("merchant").saveCustomer(updated);
    return c.json({ status: "success" });
  });

  const findMethod = (c: Context<GateEnv>) => {
    const customer = withCustomer(c);
    const method = customer?.paymentMethods.find((m) => m.key === c.req.param("methodkey"));
    return { customer, method };
  };

  api.get("/customers/:custkey/payment_methods/:methodkey", (c) => {
    const { customer, method } = findMethod(c);
    if (!customer) return customerNotFound(c);
    return method ? c.json(paymentMethodJson(method)) : apiError(c, 404, "Payment method not found", 40457);
  });

  api.put("/customers/:custkey/payment_methods/:methodkey", async (c) => {
    const { customer, method } = findMethod(c);
    if (!customer) return customerNotFound(c);
    if (!method) return apiError(c, 404, "Payment method not found", 40457);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const body = asObject(parsed.value) ?? {};
    const updated = editable(customer);
    const target = updated.paymentMethods.find((m) => m.key === method.key) as PaymentMethodRecord;
    const expires = str(body.expires ?? body.expiration);
    if (expires !== undefined) {
      if (!/^\d{4}$/.test(expires)) return apiError(c, 400, "Invalid expiration date", 40452);
      target.expires = expires;
    }
    if (body.method_name !== undefined) target.methodName = str(body.method_name) ?? "";
    if (body.avs_street !== undefined) target.avsStreet = str(body.avs_street);
    if (body.avs_postalcode !== undefined || body.avs_zip !== undefined) target.avsPostalcode = str(body.avs_postalcode ?? body.avs_zip);
    target.updated = now();
    c.get("merchant").saveCustomer(updated);
    return c.json(paymentMethodJson(target));
  });

  api.delete("/customers/:custkey/payment_methods/:methodkey", (c) => {
    const { customer, method } = findMethod(c);
    if (!customer) return customerNotFound(c);
    if (!method) return apiError(c, 404, "Payment method not found", 40457);
    const updated = editable(customer);
    updated.paymentMethods = updated.paymentMethods.filter((m) => m.key !== method.key);
    c.get("merchant").saveCustomer(updated);
    return c.json({ status: "success" });
  });

  api.get("/customers/:custkey/payment_methods/:methodkey/cardref", (c) => {
    const { customer, method } = findMethod(c);
    if (!customer) return customerNotFound(c);
    if (!method || method.payType !== "cc") return apiError(c, 404, "Card reference token not found", 605);
    const expires = method.expires;
    const year = 2000 + Number(expires.slice(2));
    const month = Number(expires.slice(0, 2));
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return c.json({ type: "token", cardref: `${method.key.slice(0, 4)}-${method.key.slice(4, 8)}-${method.key.slice(8, 12)}-${method.key.slice(12, 16)}`, expires: `${year}-${expires.slice(0, 2)}-${lastDay}`, ccnum4last: method.masked.slice(-4), cardtype: method.brand === "V" ? "01" : method.brand === "M" ? "02" : method.brand === "A" ? "03" : "04", custkey: customer.key, pmkey: method.key });
  });

  // ---- billing schedules ----
  api.get("/customers/:custkey/billing_schedules", (c) => {
    const customer = withCustomer(c);
    if (!customer) return customerNotFound(c);
    const window = listWindow(c);
    const items = customer.billingSchedules.slice(window.offset, window.offset + window.limit).map((s) => scheduleJson(s, customer));
    return c.json(listBody(items, customer.billingSchedules.length, window));
  });

  api.post("/customers/:custkey/billing_schedules", async (c) => {
    const customer = withCustomer(c);
    if (!customer) return customerNotFound(c);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const asArray = Array.isArray(parsed.value);
    const inputs = (asArray ? (parsed.value as unknown[]) : [parsed.value]).map((item) => asObject(item) ?? {});
    const updated = editable(customer);
    const created: BillingScheduleRecord[] = [];
    for (const input of inputs) {
      const schedule = buildSchedule(c.get("merchant"), updated, input);
      if (typeof schedule === "string") return apiError(c, 400, schedule, schedule.startsWith("No payment") ? 40457 : 19);
      updated.billingSchedules.push(schedule);
      created.push(schedule);
    }
    c.get("merchant").saveCustomer(updated);
    const json = created.map((s) => scheduleJson(s, updated));
    return c.json(asArray ? json : json[0]);
  });

  const findSchedule = (c: Context<GateEnv>) => {
    const customer = withCustomer(c);
    const schedule = customer?.billingSchedules.find((s) => s.key === c.req.param("schedulekey"));
    return { customer, schedule };
  };

  api.get("/customers/:custkey/billing_schedules/:schedulekey", (c) => {
    const { customer, schedule } = findSchedule(c);
    if (!customer) return customerNotFound(c);
    return schedule ? c.json(scheduleJson(schedule, customer)) : apiError(c, 404, "Billing schedule not found", 40030);
  });

  api.put("/customers/:custkey/billing_schedules/:schedulekey", async (c) => {
    const { customer, schedule } = findSchedule(c);
    if (!customer) return customerNotFound(c);
    if (!schedule) return apiError(c, 404, "Billing schedule not found", 40030);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const updated = editable(customer);
    const next = buildSchedule(c.get("merchant"), updated, asObject(parsed.value) ?? {}, schedule);
    if (typeof next === "string") return apiError(c, 400, next, 40457);
    updated.billingSchedules = updated.billingSchedules.map((s) => (s.key === schedule.key ? next : s));
    c.get("merchant").saveCustomer(updated);
    return c.json(scheduleJson(next, updated));
  });

  api.delete("/customers/:custkey/billing_schedules/:schedulekey", (c) => {
    const { customer, schedule } = findSchedule(c);
    if (!customer) return customerNotFound(c);
    if (!schedule) return apiError(c, 404, "Billing schedule not found", 40030);
    const updated = editable(customer);
    updated.billingSchedules = updated.billingSchedules.filter((s) => s.key !== schedule.key);
    c.get("merchant").saveCustomer(updated);
    return c.json({ status: "success" });
  });

  return api;
}
