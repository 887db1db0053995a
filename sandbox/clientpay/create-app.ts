import { Hono } from "hono";
import { chaosMiddleware, ChaosSettings } from "../shared/chaos";
import { SeededRandom } from "../shared/prng";
import { ApiError, errorResponse } from "./api-error";
import { CallCounters } from "./control/call-counters";
import { controlRoutes } from "./control/control-routes";
import { ResponseHolds } from "./control/response-hold";
import type { EmulatorDeps, EmulatorEnv } from "./emulator-env";
import { pageRoutes } from "./routes/page-routes";
import { payerRoutes } from "./routes/payer-routes";
import { paymentRoutes } from "./routes/payment-routes";
import { searchRoutes } from "./routes/search-routes";
import { tokenRoutes } from "./routes/token-routes";

export const CONTROL_PREFIX = "/__sandbox/clientpay";

/**
 * ASP.NET routes are case-insensitive and forgive a trailing slash; so do ours for /v2. The
 * control plane keeps its paths as typed (ids in them are case-sensitive).
 */
function routePath(request: Request): string {
  const pathname = new URL(request.url).pathname;
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return trimmed.toLowerCase().startsWith("/v2") ? trimmed.toLowerCase() : trimmed;
}

async function sendPostback(url: string, body: unknown): Promise<void> {
  try {
    await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    // A listener that is down must not fail the simulated payment; ClientPay would not either.
  }
}

export interface AppParts {
  deps: Omit<EmulatorDeps, "postback"> & { postback?: EmulatorDeps["postback"] };
  chaosSeed?: number;
}

export function createApp({ deps: partial, chaosSeed = 4020 }: AppParts) {
  const deps: EmulatorDeps = { ...partial, postback: partial.postback ?? sendPostback };
  let random = new SeededRandom(chaosSeed);
  const chaos = new ChaosSettings(() => random.next());
  const holds = new ResponseHolds();
  const counters = new CallCounters();

  const reset = () => {
    deps.store.reset();
    for (const rule of chaos.listFaults()) chaos.removeFault(rule.id);
    chaos.clear();
    holds.clear();
    counters.clear();
    random = new SeededRandom(chaosSeed);
  };

  const app = new Hono<EmulatorEnv>({ getPath: routePath });
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    return c.json({ success: false, message: "The emulator failed unexpectedly.", errors: [String(error)] }, 500);
  });
  app.notFound((c) => c.json({ success: false, message: "No such endpoint.", errors: [c.req.path] }, 404));

  app.use("/v2/*", counters.middleware());
  app.use(
    "/v2/*",
    chaosMiddleware({
      settings: chaos,
      errorResponse: (c, status) =>
        c.json({ success: false, message: status === 500 ? "Internal server error." : "Service unavailable.", errors: [] }, status),
    }),
  );
  app.use("/v2/*", holds.middleware());

  const api = new Hono<EmulatorEnv>();
  api.route("/", tokenRoutes(deps));
  api.route("/", pageRoutes(deps));
  api.route("/", paymentRoutes(deps));
  api.route("/", payerRoutes(deps));
  api.route("/", searchRoutes(deps));
  app.route("/v2", api);
  app.route(CONTROL_PREFIX, controlRoutes({ ...deps, chaos, holds, counters, reset }));

  return { app, deps, chaos, holds, counters, reset };
}
