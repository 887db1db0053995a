/**
 * ClientPay v2 emulator: a stateful stand-in for https://api.clientpay.com/v2/ used by the
 * demo and the tests. See README.md for credentials, the control plane and magic inputs.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./create-app";
import { resolveAnchorDate } from "./deterministic";
import type { EmulatorDeps } from "./emulator-env";
import { ClientpayStore } from "./store";

export { DEMO_ACCOUNTS, DEMO_CUSTOMER, DEMO_INTEGRATOR_KEY } from "./credentials";
export { CONTROL_PREFIX } from "./create-app";

export interface ClientpayEmulatorOptions {
  /** Start of "today" for the deterministic history; defaults to SANDBOX_ANCHOR_DATE or the current UTC day. */
  anchorDate?: Date;
  /** The emulator's clock for new records (pages, payments). */
  now?: () => Date;
  /** Base of hosted-page URLs; the real sandbox is assumed to be https://app.sandbox.clientpay.com (spec 10.5). */
  appBaseUrl?: string;
  /** Delivers server-side postbacks; defaults to a real HTTP POST. */
  postback?: EmulatorDeps["postback"];
  /** Seed for fault rates and latency jitter. */
  chaosSeed?: number;
}

export function createClientpayEmulator(options: ClientpayEmulatorOptions = {}) {
  const anchor = resolveAnchorDate(options.anchorDate);
  const store = new ClientpayStore(anchor);
  const parts = createApp({
    deps: {
      store,
      now: options.now ?? (() => new Date()),
      appBaseUrl: (options.appBaseUrl ?? "https://app.sandbox.clientpay.com").replace(/\/+$/, ""),
      postback: options.postback,
    },
    chaosSeed: options.chaosSeed,
  });
  return { ...parts, store, anchor };
}

export type ClientpayEmulator = ReturnType<typeof createClientpayEmulator>;

export interface StartedClientpayEmulator {
  /** e.g. "http://127.0.0.1:4020/" (with the trailing slash); the API is at `${url}v2/`. */
  url: string;
  emulator: ClientpayEmulator;
  close(): Promise<void>;
}

export async function startClientpayEmulator(
  options: { hostname?: string; port?: number } & ClientpayEmulatorOptions = {},
): Promise<StartedClientpayEmulator> {
  const emulator = createClientpayEmulator(options);
  const hostname = options.hostname ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: emulator.app.fetch, hostname, port: options.port ?? 4020 }, () => resolve(started));
    started.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${hostname}:${port}/`,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        // Held responses would keep their sockets open; let them go so close() can finish.
        emulator.holds.clear();
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
