import { Hono } from "hono";
import { z } from "zod";
import type { ChaosSettings, FaultKind } from "../../shared/chaos";
import { ApiError, badRequest, errorResponse, notFound } from "../api-error";
import { DEMO_ACCOUNTS, DEMO_CUSTOMER, DEMO_INTEGRATOR_KEY, type AccountName } from "../credentials";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { addMethodOnPayerPage, finishPayerPage, payPage, type PageFunding } from "../page-payments";
import { currentPageStatus, pageUrl } from "../pages";
import { partialRefund, searchItemWire } from "../payment-engine";
import { methodSummary } from "../payment-methods";
import type { PageRecord } from "../records";
import { parseBody } from "../request-guards";
import { ECHECK_ACCOUNT_TYPES } from "../wire-schemas";
import { refreshSettlement, settleNow } from "../settlement";
import type { CallCounters } from "./call-counters";
import type { ResponseHolds } from "./response-hold";

/**
 * The emulator's control plane, mounted at /__sandbox/clientpay. Emulator-only: nothing here
 * exists on the real ClientPay service. Documented in sandbox/clientpay/README.md.
 */

// Accept the shared kinds and the spellings people type ("500", "malformed_json").
const FAULT_ALIASES: Record<string, FaultKind> = {
  http500: "http500",
  "500": "http500",
  http503: "http503",
  "503": "http503",
  timeout: "timeout",
  malformed: "malformed",
  malformed_json: "malformed",
};

const faultInput = z.object({
  kind: z.string().transform((kind, ctx) => {
    const mapped = FAULT_ALIASES[kind.toLowerCase()];
    if (!mapped) ctx.addIssue({ code: "custom", message: "kind must be http500, http503, timeout or malformed" });
    return mapped as FaultKind;
  }),
  path: z.string().optional(),
  method: z.string().optional(),
  rate: z.number().min(0).max(1).optional(),
  remaining: z.number().int().positive().optional(),
  count: z.number().int().positive().optional(),
  holdMs: z.number().int().nonnegative().optional(),
});

const latencyInput = z.object({
  fixedMs: z.number().int().nonnegative().default(0),
  jitterMs: z.number().int().nonnegative().default(0),
  path: z.string().optional(),
  method: z.string().optional(),
});

const holdInput = z.object({
  path: z.string().min(1),
  method: z.string().optional(),
  remaining: z.number().int().positive().optional(),
  count: z.number().int().positive().optional(),
});

const cardDigits = z.string().regex(/^\d{13,19}$/, "cardNumber must be 13-19 digits");
const eCheckInput = z.union([
  z.literal(true),
  z.object({ routingNumber: z.string().optional(), accountNumber: z.string().optional(), accountType: z.enum(ECHECK_ACCOUNT_TYPES).optional() }),
]);

const payInput = z.object({
  cardNumber: cardDigits.optional(),
  eCheck: eCheckInput.optional(),
  paymentMethodId: z.string().optional(),
  /** Decimal amount per page line; null keeps the line's offered amount. */
  amounts: z.array(z.number().nonnegative().nullable()).optional(),
  payerName: z.string().optional(),
  payerEmail: z.string().optional(),
  savePayer: z.boolean().optional(),
});

const submitInput = z.object({
  firstName: z.string().default("Sandbox"),
  lastName: z.string().default("Payer"),
  businessName: z.string().optional(),
  email: z.string().optional(),
  cardNumber: cardDigits.optional(),
  eCheck: eCheckInput.optional(),
  makePrimary: z.boolean().optional(),
  finish: z.boolean().default(true),
});

/** The test card or eCheck the control plane pays with (README "Magic inputs"). */
function controlFunding(input: z.infer<typeof payInput>): PageFunding {
  const holder = input.payerName?.trim() || "Sandbox Payer";
  if (input.paymentMethodId) return { kind: "saved", paymentMethodId: input.paymentMethodId };
  if (input.eCheck) {
    const check = input.eCheck === true ? {} : input.eCheck;
    return {
      kind: "eCheck",
      eCheck: {
        nameOnAccount: holder,
        routingNumber: check.routingNumber ?? "021000021",
        accountNumber: check.accountNumber ?? "1000100010",
        accountType: check.accountType ?? "checking_personal",
      },
    };
  }
  return {
    kind: "card",
    card: { cardholderName: holder, cardNumber: input.cardNumber ?? "4111111111111111", expirationDateMonth: 12, expirationDateYear: 2099, cvv: "123" },
  };
}

function accountNamed(text: string): AccountName {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.name === text || candidate.accountKey === text);
  if (!account) throw badRequest(`No demo account is called "${text}".`);
  return account.name;
}

/** Paths are matched after the emulator lower-cases /v2 paths and drops a trailing slash. */
export function normalizeRulePath(path: string | undefined): string | undefined {
  if (!path) return path;
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return trimmed.toLowerCase().startsWith("/v2") ? trimmed.toLowerCase() : trimmed;
}

interface ControlDeps extends EmulatorDeps {
  chaos: ChaosSettings;
  holds: ResponseHolds;
  counters: CallCounters;
  reset: () => void;
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The control-plane body is not valid JSON.");
  }
}

export function controlRoutes(deps: ControlDeps) {
  const routes = new Hono<EmulatorEnv>();
  const { store } = deps;
  routes.onError((error, c) => (error instanceof ApiError ? errorResponse(c, error) : c.json({ success: false, message: String(error) }, 500)));

  routes.get("/", (c) =>
    c.json({
      emulator: "clientpay",
      endpoints: [
        "POST reset", "GET credentials", "GET|PUT latency", "GET|POST|DELETE faults", "DELETE faults/:id",
        "GET|DELETE counters", "GET|POST|DELETE hold", "DELETE hold/:id", "GET held?waitMs=", "POST release",
        "POST settle", "GET|PUT settlement", "POST payments/partial-refund", "GET payments/:paymentId", "GET payers?account=",
        "GET pages?account=", "GET pages/:requestId", "POST pages/:requestId/pay", "POST pages/:requestId/submit",
        "GET postbacks", "POST postbacks/flush",
      ],
    }),
  );

  routes.post("/reset", (c) => {
    deps.reset();
    return c.json({ success: true });
  });

  routes.get("/credentials", (c) =>
    c.json({
      integratorKey: DEMO_INTEGRATOR_KEY,
      accounts: DEMO_ACCOUNTS.map((account) => ({
        name: account.name,
        accountKey: account.accountKey,
        accountPin: account.accountPin,
        currentAccessId: store.currentAccessId({ kind: "account", account: account.name })?.id ?? null,
      })),
      customer: {
        customerKey: DEMO_CUSTOMER.customerKey,
        customerPin: DEMO_CUSTOMER.customerPin,
        currentCustomerAccessId: store.currentAccessId({ kind: "customer" })?.id ?? null,
      },
    }),
  );

  routes.get("/latency", (c) => c.json({ latency: deps.chaos.listLatency() }));
  routes.put("/latency", async (c) => {
    const rule = parseBody(latencyInput, await jsonBody(c.req.raw));
    deps.chaos.setLatency({ ...rule, path: normalizeRulePath(rule.path) });
    return c.json({ latency: deps.chaos.listLatency() });
  });

  routes.get("/faults", (c) => c.json({ faults: deps.chaos.listFaults() }));
  routes.post("/faults", async (c) => {
    const input = parseBody(faultInput, await jsonBody(c.req.raw));
    const rule = deps.chaos.addFault({
      kind: input.kind,
      path: normalizeRulePath(input.path),
      method: input.method,
      rate: input.rate,
      remaining: input.remaining ?? input.count,
      holdMs: input.holdMs,
    });
    return c.json({ fault: rule });
  });
  routes.delete("/faults", (c) => {
    for (const rule of deps.chaos.listFaults()) deps.chaos.removeFault(rule.id);
    return c.json({ success: true });
  });
  routes.delete("/faults/:id", (c) => {
    if (!deps.chaos.removeFault(c.req.param("id"))) throw notFound("No fault rule has that id.");
    return c.json({ success: true });
  });

  routes.get("/counters", (c) => c.json({ ...deps.counters.snapshot(), requestIds: store.requestIdStats }));
  routes.delete("/counters", (c) => {
    deps.counters.clear();
    store.clearRequestIdStats();
    return c.json({ success: true });
  });

  routes.get("/hold", (c) => c.json({ rules: deps.holds.listRules() }));
  routes.post("/hold", async (c) => {
    const input = parseBody(holdInput, await jsonBody(c.req.raw));
    const rule = deps.holds.addRule({
      path: normalizeRulePath(input.path)!,
      method: input.method,
      remaining: input.remaining ?? input.count,
    });
    return c.json({ rule });
  });
  routes.delete("/hold", (c) => {
    const released = deps.holds.listHeld().length;
    deps.holds.clear();
    return c.json({ success: true, released });
  });
  routes.delete("/hold/:id", (c) => {
    if (!deps.holds.removeRule(c.req.param("id"))) throw notFound("No hold rule has that id.");
    return c.json({ success: true });
  });
  routes.get("/held", async (c) => {
    const waitMs = Math.min(Number(c.req.query("waitMs") ?? 0) || 0, 60_000);
    return c.json({ held: await deps.holds.waitForHeld(waitMs) });
  });
  routes.post("/release", async (c) => {
    const input = parseBody(z.object({ id: z.string().optional() }), await jsonBody(c.req.raw));
    const released = deps.holds.release(input.id);
    if (input.id && released === 0) throw notFound("No held request has that id.");
    return c.json({ success: true, released });
  });

  // "End of day" now, for one payment, one account (name or accountKey) or everything.
  routes.post("/settle", async (c) => {
    const input = parseBody(z.object({ paymentId: z.string().optional(), account: z.string().optional() }), await jsonBody(c.req.raw));
    const account = input.account ? accountNamed(input.account) : undefined;
    const now = deps.now();
    let settled = 0;
    for (const payment of store.payments) {
      if (input.paymentId && payment.paymentId !== input.paymentId) continue;
      if (account && payment.account !== account) continue;
      refreshSettlement(payment, store.settlement, now);
      if (settleNow(payment, now)) settled += 1;
    }
    return c.json({ success: true, settled });
  });

  routes.get("/settlement", (c) => c.json({ settlement: store.settlement }));
  routes.put("/settlement", async (c) => {
    const input = parseBody(z.object({ afterSeconds: z.number().nonnegative().nullable() }), await jsonBody(c.req.raw));
    store.settlement = { afterSeconds: input.afterSeconds };
    return c.json({ settlement: store.settlement });
  });

  // Stands in for a partial refund made inside the ClientPay web app (no API makes one).
  routes.post("/payments/partial-refund", async (c) => {
    const input = parseBody(z.object({ paymentId: z.string(), amount: z.number().positive(), note: z.string().optional() }), await jsonBody(c.req.raw));
    const payment = store.paymentsById.get(input.paymentId);
    if (!payment) throw notFound("No payment has that paymentId.");
    refreshSettlement(payment, store.settlement, deps.now());
    partialRefund(deps, payment, Math.round(input.amount * 100), input.note ?? null);
    return c.json({ success: true, refundedAmount: payment.refundedCents / 100 });
  });

  routes.get("/payments/:paymentId", (c) => {
    const payment = store.paymentsById.get(c.req.param("paymentId"));
    if (!payment) throw notFound("No payment has that paymentId.");
    refreshSettlement(payment, store.settlement, deps.now());
    return c.json({ ...searchItemWire(deps, payment), account: payment.account });
  });

  routes.get("/payers", (c) => {
    const account = c.req.query("account");
    const name = account ? accountNamed(account) : undefined;
    const payers = [...store.payers.values()].filter((payer) => !name || payer.account === name);
    return c.json({
      payers: payers.map(({ methods, ...payer }) => ({ ...payer, paymentMethods: methods.map(methodSummary) })),
    });
  });

  const pageView = (page: PageRecord) => ({
    ...page,
    status: currentPageStatus(page, deps.now()),
    url: pageUrl(deps.appBaseUrl, page),
    amount: page.amountCents / 100,
  });

  routes.get("/pages", (c) => {
    const account = c.req.query("account");
    const name = account ? accountNamed(account) : undefined;
    const pages = [...store.pages.values()].filter((page) => !name || page.account === name);
    return c.json({ pages: pages.map(({ body: _body, ...page }) => pageView({ ...page, body: undefined })) });
  });

  routes.get("/pages/:requestId", (c) => {
    const page = store.pages.get(c.req.param("requestId"));
    if (!page) throw notFound("No page has that requestId.");
    return c.json(pageView(page));
  });

  // Plays the payer on a hosted payment page (the same engine as the served page).
  routes.post("/pages/:requestId/pay", async (c) => {
    const input = parseBody(payInput, await jsonBody(c.req.raw));
    const page = store.pages.get(c.req.param("requestId"));
    if (!page || page.kind === "payer") throw notFound("No payment page has that requestId.");
    const { result } = await payPage(deps, page, {
      amountsCents: input.amounts?.map((amount) => (amount == null ? null : Math.round(amount * 100))),
      funding: controlFunding(input),
      payerName: input.payerName,
      payerEmail: input.payerEmail,
      savePayer: input.savePayer,
    });
    return c.json(result);
  });

  // Plays the payer on a payer page: adds one method (a card unless eCheck is asked for) and,
  // unless `finish: false`, finishes the page, which posts the payerId back.
  routes.post("/pages/:requestId/submit", async (c) => {
    const input = parseBody(submitInput, await jsonBody(c.req.raw));
    const page = store.pages.get(c.req.param("requestId"));
    if (!page || page.kind !== "payer") throw notFound("No payer page has that requestId.");
    const name = [input.firstName, input.lastName].join(" ");
    const funding = controlFunding({ ...input, payerName: name });
    const method = funding.kind === "card" ? { creditCard: funding.card } : funding.kind === "eCheck" ? { eCheck: funding.eCheck } : null;
    if (!method) throw badRequest("A payer page takes a new card or eCheck.");
    const added = await addMethodOnPayerPage(deps, page, {
      payer: { firstName: input.firstName, lastName: input.lastName, businessName: input.businessName, email: input.email },
      method,
      makePrimary: input.makePrimary,
    });
    if (added.finished) return c.json(added.postback);
    if (!input.finish) return c.json({ success: true, requestID: page.requestId, payerId: added.payerId, paymentMethod: added.method });
    return c.json((await finishPayerPage(deps, page)).postback);
  });

  routes.get("/postbacks", (c) => c.json({ postbacks: deps.outbox.list() }));
  routes.post("/postbacks/flush", async (c) => c.json({ success: true, attempted: await deps.outbox.flush() }));

  return routes;
}
