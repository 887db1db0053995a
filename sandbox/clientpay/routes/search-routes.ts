import { Hono } from "hono";
import type { AccountName } from "../credentials";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { searchItemWire } from "../payment-engine";
import { matches, parseOrderBy, parsePaging, parseSearchFilter, sortPayments } from "../payment-search";
import { accountOf, parseBody, readBody, requireAccess } from "../request-guards";
import { connectSearchBody } from "../wire-schemas";

/** Payment and Connect search (docs/clientpay-api.md, "Payment search"). They carry no token, so none is required or consumed. */
export function searchRoutes(deps: EmulatorDeps) {
  const routes = new Hono<EmulatorEnv>();

  const matching = (account: AccountName, body: Record<string, unknown>) => {
    const filter = parseSearchFilter(body);
    return deps.store.paymentsOf(account, deps.now()).filter((payment) => matches(payment, filter));
  };

  routes.post("/paymentsearch/count", async (c) => {
    const account = accountOf(requireAccess(c, deps));
    const body = await readBody(c);
    return c.json({ success: true, count: matching(account, body).length });
  });

  routes.post("/paymentsearch/results", async (c) => {
    const account = accountOf(requireAccess(c, deps));
    const body = await readBody(c);
    const orderBy = parseOrderBy(body.orderBy);
    const { pageNumber, pageSize } = parsePaging(body);
    const sorted = sortPayments(matching(account, body), orderBy);
    const page = sorted.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return c.json({ success: true, payments: page.map((payment) => searchItemWire(deps, payment)) });
  });

  // The firm's practice-management data; a customerAccessId is accepted here (docs/clientpay-api.md, "Credentials and access IDs").
  routes.post("/connect/search", async (c) => {
    requireAccess(c, deps, { allowCustomer: true });
    const body = parseBody(connectSearchBody, await readBody(c));
    const fieldOf = (option: number): "invoiceNumber" | "matterNumber" | "clientID" =>
      option === 1 ? "invoiceNumber" : option === 2 ? "matterNumber" : "clientID";
    const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
    const invoices = deps.store.connectInvoices.filter(
      (invoice) =>
        same(invoice[fieldOf(body.searchOption)], body.searchText) &&
        (!body.filterOption || !body.filterText || same(invoice[fieldOf(body.filterOption)], body.filterText)),
    );
    return c.json({ success: true, invoices });
  });

  return routes;
}
