import { type Context, Hono } from "hono";
import type { GateEnv } from "../gate";
import { apiError } from "../http-helpers";

/**
 * Endpoints the dashboard does not use, answered the way the [NET] authors' sandbox account did:
 * the product database is absent (41001); the public key is a stable string per merchant.
 */
export function miscRoutes(): Hono<GateEnv> {
  const api = new Hono<GateEnv>();
  const noProductDatabase = (c: Context<GateEnv>) => apiError(c, 400, "Unable to create product database", 41001);
  for (const path of ["/products", "/products/*", "/inventory", "/inventory/*"]) api.all(path, noProductDatabase);
  api.get("/publickey", (c) => c.json(`_P${c.get("merchant").codecs.customer.encode(7).toUpperCase()}${c.get("merchant").codecs.transaction.encode(7)}`));
  return api;
}
