import { Hono, type Context } from "hono";
import { ApiError } from "../api-error";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { addMethodOnPayerPage, finishPayerPage, offeredMethods, payPage } from "../page-payments";
import { currentPageStatus, kindOfFragment } from "../pages";
import { payerDisplayName } from "../payment-engine";
import type { PageRecord } from "../records";
import { field, formError, paymentFormInput, payerFormInput, type Form } from "./forms";
import { messagePage, paymentPage, payerDonePage, payerPage, receiptPage, shellPage } from "./views";

/**
 * The hosted pages themselves, served where the API said they are: `<app base>/app/api/#/<kind>/<id>`
 * loads the shell at /app/api, which moves the fragment into the path, /app/api/<kind>/<id>.
 * A person in the demo or a Playwright test pays (or saves a method) here with the test inputs
 * of docs/clientpay-api.md, "Test cards and magic inputs". Emulator-only HTML; no JSON here.
 */
export const HOSTED_PREFIX = "/app/api";

type Page = Context<EmulatorEnv>;

export function hostedPageRoutes(deps: EmulatorDeps) {
  const routes = new Hono<EmulatorEnv>();

  routes.get("/", (c) => c.html(shellPage()));

  /** The page named by the path, or an answer that says why there is none. */
  const find = (c: Page): { page: PageRecord } | { response: Response | Promise<Response> } => {
    const kind = kindOfFragment(c.req.param("fragment") ?? "");
    const page = deps.store.pages.get(c.req.param("requestId") ?? "");
    if (!kind || !page || page.kind !== kind) {
      return { response: c.html(messagePage("Page not found", "There is no ClientPay page at this address."), 404) };
    }
    if (currentPageStatus(page, deps.now()) === "Expired") {
      return { response: c.html(messagePage("Page expired", "This page has expired and can no longer be used. Ask for a new link."), 410) };
    }
    return { page };
  };

  const payerState = (page: PageRecord, extra: { error?: string | null; saved?: string | null } = {}) => {
    const payer = page.payerId ? deps.store.payerOf(page.account, page.payerId) : null;
    return { error: extra.error ?? null, saved: extra.saved ?? null, payerName: payer ? payerDisplayName(payer) : null, methods: payer?.methods ?? [] };
  };

  const render = (c: Page, page: PageRecord, error: string | null = null, status: 200 | 400 | 402 = 200, form: Form = {}) => {
    if (page.kind === "payer") {
      if (page.status === "Completed") return c.html(payerDonePage(page, payerState(page).methods), status);
      const saved = page.addedMethodIds.length > 0 ? "Payment method saved. Add another, or finish." : null;
      return c.html(payerPage(page, payerState(page, { error, saved })), status);
    }
    if (page.status === "Completed") {
      const payment = page.paymentId ? (deps.store.paymentsById.get(page.paymentId) ?? null) : null;
      return c.html(receiptPage(page, payment), status);
    }
    const typed = { name: field(form, "cardholderName"), email: field(form, "payerEmail"), amounts: page.lines.map((_, index) => field(form, `amount_${index}`)) };
    return c.html(paymentPage(page, { error, savedMethods: offeredMethods(deps, page), typed }), status);
  };

  routes.get("/:fragment/:requestId", (c) => {
    const found = find(c);
    return "response" in found ? found.response : render(c, found.page);
  });

  routes.post("/:fragment/:requestId", async (c) => {
    const found = find(c);
    if ("response" in found) return found.response;
    const { page } = found;
    const form = await c.req.parseBody({ all: true });
    // Post/redirect/get: a reload of the answer never submits twice.
    const again = () => c.redirect(c.req.path, 303);
    try {
      if (page.kind === "payer") {
        if (form.action === "finish") await finishPayerPage(deps, page);
        else await addMethodOnPayerPage(deps, page, payerFormInput(form));
        return again();
      }
      const { payment } = await payPage(deps, page, paymentFormInput(page, form));
      if (payment.status !== "Approved") return render(c, page, "The payment was declined. Try another card or an eCheck.", 402, form);
      return again();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return render(c, page, formError(error), 400, form);
    }
  });

  return routes;
}
