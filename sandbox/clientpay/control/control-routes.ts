import { Hono } from "hono";
import { z } from "zod";
import type { ChaosSettings, FaultKind } from "../../shared/chaos";
import { ApiError, badRequest, errorResponse, notFound } from "../api-error";
import { DEMO_ACCOUNTS, DEMO_CUSTOMER, DEMO_INTEGRATOR_KEY } from "../credentials";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { charge, DECLINING_CARD_SUFFIX, paymentWire } from "../payment-engine";
import { currentPageStatus } from "../routes/page-routes";
import { parseBody } from "../request-guards";
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
        "POST settle", "POST payments/partial-refund", "GET payments/:paymentId", "GET pages/:requestId",
        "POST pages/:requestId/pay", "POST pages/:requestId/submit",
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

  routes.get("/counters", (c) => c.json(deps.counters.snapshot()));
  routes.delete("/counters", (c) => {
    deps.counters.clear();
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

  // "End of day": settled payments are refunded instead of voided.
  routes.post("/settle", async (c) => {
    const input = parseBody(z.object({ paymentId: z.string().optional() }), await jsonBody(c.req.raw));
    let settled = 0;
    for (const payment of store.payments) {
      if (payment.settled || (input.paymentId && payment.paymentId !== input.paymentId)) continue;
      payment.settled = true;
      settled += 1;
    }
    return c.json({ success: true, settled });
  });

  // Stands in for a partial refund made inside the ClientPay web app (no API makes one).
  routes.post("/payments/partial-refund", async (c) => {
    const input = parseBody(z.object({ paymentId: z.string(), amount: z.number().positive() }), await jsonBody(c.req.raw));
    const payment = store.paymentsById.get(input.paymentId);
    if (!payment) throw notFound("No payment has that paymentId.");
    const cents = Math.round(input.amount * 100);
    if (payment.status !== "Approved" || payment.refundedCents + cents >= payment.amountCents) {
      throw badRequest("Only part of an approved, not fully refunded payment can be refunded this way.");
    }
    payment.settled = true;
    payment.refundedCents += cents;
    return c.json({ success: true, refundedAmount: payment.refundedCents / 100 });
  });

  routes.get("/payments/:paymentId", (c) => {
    const payment = store.paymentsById.get(c.req.param("paymentId"));
    if (!payment) throw notFound("No payment has that paymentId.");
    return c.json({
      ...paymentWire(payment),
      account: payment.account,
      settled: payment.settled,
      refundedAmount: payment.refundedCents / 100,
    });
  });

  routes.get("/pages/:requestId", (c) => {
    const page = store.pages.get(c.req.param("requestId"));
    if (!page) throw notFound("No page has that requestId.");
    return c.json({ ...page, status: currentPageStatus(page, deps.now()), amount: page.amountCents / 100 });
  });

  // Plays the payer on a hosted payment page, then sends the two documented postbacks (11.6).
  routes.post("/pages/:requestId/pay", async (c) => {
    const input = parseBody(z.object({ cardNumber: z.string().regex(/^\d{13,19}$/).optional() }), await jsonBody(c.req.raw));
    const page = store.pages.get(c.req.param("requestId"));
    if (!page || page.kind === "payer") throw notFound("No payment page has that requestId.");
    const status = currentPageStatus(page, deps.now());
    if (status !== "Active") throw badRequest(`The page is ${status}.`);
    const cardNumber = input.cardNumber ?? "4111111111111111";
    const payment = charge(deps, {
      account: page.account,
      requestId: page.requestId,
      sessionId: page.sessionId,
      customerRefNumber: page.customerId,
      amountCents: page.amountCents,
      taxCents: 0,
      funding: {
        kind: "card",
        card: { cardholderName: "Sandbox Payer", cardNumber, expirationDateMonth: 12, expirationDateYear: 2099, cvv: "123" },
      },
      orderId: null,
      description: null,
      pageUrl: page.url,
    });
    if (payment.status === "Approved") page.status = "Completed";
    const result = { success: payment.status === "Approved", ...paymentWire(payment, page.status) };
    if (page.serverSideReturnAddress) {
      await deps.postback(page.serverSideReturnAddress, {
        requestID: page.requestId,
        status: "Processing",
        paymentID: "",
        success: true,
      });
      await deps.postback(page.serverSideReturnAddress, result);
    }
    return c.json(result);
  });

  // Plays the payer on a payer page: saves a payer (or reuses the page's) with one card and
  // posts the payerId back, as the onboarding doc describes (spec 3.4).
  routes.post("/pages/:requestId/submit", async (c) => {
    const input = parseBody(
      z.object({ firstName: z.string().default("Sandbox"), lastName: z.string().default("Payer"), cardNumber: z.string().regex(/^\d{13,19}$/).default("4111111111111111") }),
      await jsonBody(c.req.raw),
    );
    const page = store.pages.get(c.req.param("requestId"));
    if (!page || page.kind !== "payer") throw notFound("No payer page has that requestId.");
    const status = currentPageStatus(page, deps.now());
    if (status !== "Active") throw badRequest(`The page is ${status}.`);
    const existing = page.payerId ? store.payerOf(page.account, page.payerId) : null;
    const payer = existing ?? {
      id: store.nextDeterministicId("payer"),
      account: page.account,
      firstName: input.firstName,
      lastName: input.lastName,
      businessName: null,
      payerName: 1,
      emails: [],
      payerAddress: null,
      methods: [],
    };
    store.payers.set(payer.id, payer);
    payer.methods.push({
      id: store.nextDeterministicId("payment-method"),
      payerId: payer.id,
      isPrimary: payer.methods.length === 0,
      kind: "card",
      last4: input.cardNumber.slice(-4),
      declines: input.cardNumber.endsWith(DECLINING_CARD_SUFFIX),
      cardholderName: `${input.firstName} ${input.lastName}`,
      expirationDateMonth: 12,
      expirationDateYear: 2099,
      nameOnAccount: null,
      accountType: null,
      billingAddress: null,
    });
    page.status = "Completed";
    const result = { success: true, requestID: page.requestId, payerId: payer.id };
    if (page.serverSideReturnAddress) await deps.postback(page.serverSideReturnAddress, result);
    return c.json(result);
  });

  return routes;
}
