import { Hono } from "hono";
import { notFound, unauthorized } from "../api-error";
import type { EmulatorDeps, EmulatorEnv } from "../emulator-env";
import { parseBody, readBody, requireAccess } from "../request-guards";
import { credentialsBody, customerCredentialsBody } from "../wire-schemas";

/** Access ids, customer access ids, request ids (docs/clientpay-api.md, "Credentials and access IDs", "Request IDs"). */
export function tokenRoutes(deps: EmulatorDeps) {
  const routes = new Hono<EmulatorEnv>();
  const { store } = deps;

  const accountFromCredentials = async (c: Parameters<typeof readBody>[0]) => {
    const body = parseBody(credentialsBody, await readBody(c));
    const account = store.findAccount(body.integratorKey, body.accountKey, body.accountPin);
    if (!account) throw unauthorized("The integratorKey, accountKey or accountPin is not valid.", ["credentials"]);
    c.set("account", account);
    return account;
  };

  // New Access ID: expires the current id for these credentials and issues a fresh one.
  routes.post("/token/accessid", async (c) => {
    const account = await accountFromCredentials(c);
    const record = store.issueAccessId({ kind: "account", account }, deps.now());
    return c.json({ success: true, accessId: record.id });
  });

  routes.post("/token/accessid/current", async (c) => {
    const account = await accountFromCredentials(c);
    const record = store.currentAccessId({ kind: "account", account });
    if (!record) throw notFound("No active accessId", ["accessId"]);
    return c.json({ success: true, accessId: record.id });
  });

  // Always 200 when the header is present: validity is the flag, not the status (docs/clientpay-api.md, "Responses and errors").
  routes.post("/token/accessid/validate", (c) => {
    const id = c.req.header("accessId")?.trim();
    if (!id) throw unauthorized("The accessId header is required.", ["accessId"]);
    const record = store.activeAccessId(id);
    if (record) c.set("account", record.scope.kind === "account" ? record.scope.account : "customer");
    return c.json({ success: true, isValid: record !== null });
  });

  // Idempotent: an id that already expired (or was replaced) is accepted; an unknown one is not.
  routes.post("/token/accessid/expire", (c) => {
    const id = c.req.header("accessId")?.trim();
    if (!id) throw unauthorized("The accessId header is required.", ["accessId"]);
    const record = store.accessIds.get(id);
    if (!record) throw unauthorized("The accessId is not valid.", ["accessId"]);
    c.set("account", record.scope.kind === "account" ? record.scope.account : "customer");
    store.endAccessId(id, "expired");
    return c.json({ success: true });
  });

  routes.post("/token/requestid", (c) => {
    const access = requireAccess(c, deps, { header: "Authorization" });
    return c.json({ success: true, requestId: store.issueRequestId(access.id) });
  });

  routes.post("/token/customeraccessid", async (c) => {
    const body = parseBody(customerCredentialsBody, await readBody(c));
    if (!store.customerMatches(body.integratorKey, body.customerKey, body.customerPin)) {
      throw unauthorized("The integratorKey, customerKey or customerPin is not valid.", ["credentials"]);
    }
    c.set("account", "customer");
    const record = store.issueAccessId({ kind: "customer" }, deps.now());
    return c.json({ success: true, customerAccessId: record.id });
  });

  // Validate Credentials (v1 lists it; the v2 path is our choice, see README): never issues an id.
  routes.post("/token/credentials/validate", async (c) => {
    const body = parseBody(credentialsBody, await readBody(c));
    const account = store.findAccount(body.integratorKey, body.accountKey, body.accountPin);
    if (account) c.set("account", account);
    return c.json({ success: true, isValid: account !== null });
  });

  return routes;
}
