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
import { HOSTED_PREFIX, hostedPageRoutes } from "./hosted/hosted-routes";
import { DEFAULT_RETRY_SECONDS, httpPostbackSender, PostbackOutbox, realScheduler, type PostbackSender, type Scheduler } from "./postbacks";

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

export interface AppParts {
  deps: Omit<EmulatorDeps, "outbox">;
  /** Delivers one postback; defaults to a real HTTP POST. A failed delivery is retried. */
  postback?: PostbackSender;
  /** Seconds between delivery attempts of a failed postback (default 2, 10, 30). */
  postbackRetrySeconds?: readonly number[];
  /** Runs postback retries later; defaults to real timers. */
  schedule?: Scheduler;
  /** How injected latency and timeout faults wait; defaults to a real (abortable) timer. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  chaosSeed?: number;
}

export function createApp({ deps: partial, postback, postbackRetrySeconds, schedule, wait, chaosSeed = 4020 }: AppParts) {
  const outbox = new PostbackOutbox({
    send: postback ?? httpPostbackSender,
    now: partial.now,
    schedule: schedule ?? realScheduler,
    retrySeconds: postbackRetrySeconds ?? DEFAULT_RETRY_SECONDS,
  });
  // One object, mutated in place (appBaseUrl), shared by every route.
  const deps: EmulatorDeps = Object.assign(partial, { outbox });
  let random = new SeededRandom(chaosSeed);
  const chaos = new ChaosSettings(() => random.next());
  const holds = new ResponseHolds();
  const counters = new CallCounters();

  const reset = () => {
    deps.store.reset();
    outbox.clear();
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
      sleep: wait,
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
  app.route(HOSTED_PREFIX, hostedPageRoutes(deps));
  app.route(CONTROL_PREFIX, controlRoutes({ ...deps, chaos, holds, counters, reset }));

  return { app, deps, chaos, holds, counters, outbox, reset };
}
