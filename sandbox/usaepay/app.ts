import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { chaosMiddleware } from "../shared/chaos";
import { basicUser, endpointKeyOf, type GateEnv, gateMiddleware } from "./gate";
import { controlRoutes } from "./control";
import { apiError, notFoundBody } from "./http-helpers";
import { batchRoutes } from "./routes/batches";
import { customerRoutes } from "./routes/customers";
import { miscRoutes } from "./routes/misc";
import { paymentEngineRoutes } from "./routes/payment-engine";
import { tokenRoutes } from "./routes/tokens";
import { transactionRoutes } from "./routes/transactions";
import type { EmulatorState } from "./state";

/** Wires the API (/api/{endpointKey}/...), the host ping and the control plane into one Hono app. */
function clientIpOf(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address;
    return address?.replace(/^::ffff:/, "") ?? "127.0.0.1";
  } catch {
    // In-process requests (app.request) have no socket: treat them as local.
    return "127.0.0.1";
  }
}

/** "POST /transactions" for "/api/v2/transactions/": what the call counters are keyed by. */
function routeOf(method: string, path: string): string {
  const rest = path.split("/").slice(3).join("/").replace(/\/+$/, "");
  return `${method} /${rest}`;
}

export function buildApp(state: EmulatorState, now: () => number, sleep: (ms: number, signal?: AbortSignal) => Promise<void>): Hono {
  // Tolerate a trailing slash on any path, as hand-built client URLs sometimes carry one.
  const app = new Hono({ strict: false });

  app.route("/__sandbox/usaepay", controlRoutes(state, now));

  // High-availability check (docs/usaepay-api.md, "Hosts and endpoint keys"): a body starting "UP".
  app.get("/ping", (c) => c.text("UP\n"));

  // Counted before faults and the gate, so a test sees every call that reached the emulator.
  app.use("/api/*", async (c, next) => {
    const counters = state.countersFor(basicUser(c.req.header("Authorization"))?.user ?? "(no key)");
    counters.calls += 1;
    if (endpointKeyOf(c.req.path)) {
      const route = routeOf(c.req.method, c.req.path);
      counters.routes[route] = (counters.routes[route] ?? 0) + 1;
    }
    await next();
  });
  app.use("/api/*", chaosMiddleware({
    settings: state.chaos,
    sleep,
    onFault: (_rule, c) => {
      state.countersFor(basicUser(c.req.header("Authorization"))?.user ?? "(no key)").faultsInjected += 1;
    },
    errorResponse: (c, status) =>
      status === 500
        ? c.json({ error: "Internal Server Error", errorcode: 500 }, 500)
        : c.html("<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>", 503),
  }));

  const api = new Hono<GateEnv>();
  api.use("*", gateMiddleware(state, clientIpOf));
  api.route("/", transactionRoutes(state, now, sleep));
  api.route("/", batchRoutes(now));
  api.route("/", customerRoutes(now));
  api.route("/", tokenRoutes(state, now));
  api.route("/", paymentEngineRoutes(state, now, sleep));
  api.route("/", miscRoutes());
  app.route("/api/:endpoint", api);

  app.notFound((c) => c.json(notFoundBody, 404));
  app.onError((error, c) => {
    console.error("usaepay emulator error", error);
    return apiError(c, 500, "Internal Server Error", 500);
  });
  return app;
}
