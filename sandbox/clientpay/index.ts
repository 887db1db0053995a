/**
 * ClientPay v2 emulator: a stateful stand-in for https://api.clientpay.com/v2/ used by the
 * demo and the tests. See README.md for credentials, the control plane and magic inputs.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./create-app";
import { resolveAnchorDate } from "./deterministic";
import { envClientpaySettings } from "./emulator-config";
import type { PostbackSender, Scheduler } from "./postbacks";
import { ClientpayStore } from "./store";

export { DEMO_ACCOUNTS, DEMO_CUSTOMER, DEMO_INTEGRATOR_KEY } from "./credentials";
export { CONTROL_PREFIX } from "./create-app";

export interface ClientpayEmulatorOptions {
  /** Start of "today" for the deterministic history; defaults to SANDBOX_ANCHOR_DATE or the current UTC day. */
  anchorDate?: Date;
  /** The emulator's clock for new records (pages, payments). */
  now?: () => Date;
  /**
   * Base of hosted-page URLs. In-process the default is https://app.sandbox.clientpay.com (the
   * assumed real sandbox host); a started emulator defaults to its own address, because it
   * serves the pages itself (docs/clientpay-api.md, "Hosted pages").
   */
  appBaseUrl?: string;
  /** Delivers one server-side postback; defaults to a real HTTP POST. Throw or answer non-2xx to fail it. */
  postback?: PostbackSender;
  /** Seconds before each retry of a failed postback; default 2, 10, 30. */
  postbackRetrySeconds?: readonly number[];
  /** Runs postback retries later; defaults to real (unref'd) timers. */
  schedule?: Scheduler;
  /** Approved payments settle this many seconds after their paymentDate; null (default) = only on `POST settle`. */
  settleAfterSeconds?: number | null;
  /** How injected latency and timeout faults wait (tests record the delays instead of sleeping). */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Seed for fault rates and latency jitter. */
  chaosSeed?: number;
}

export const DEFAULT_APP_BASE_URL = "https://app.sandbox.clientpay.com";

export function createClientpayEmulator(options: ClientpayEmulatorOptions = {}) {
  const anchor = resolveAnchorDate(options.anchorDate);
  const store = new ClientpayStore(anchor, { afterSeconds: options.settleAfterSeconds ?? null });
  const parts = createApp({
    deps: {
      store,
      now: options.now ?? (() => new Date()),
      appBaseUrl: (options.appBaseUrl ?? DEFAULT_APP_BASE_URL).replace(/\/+$/, ""),
    },
    postback: options.postback,
    postbackRetrySeconds: options.postbackRetrySeconds,
    schedule: options.schedule,
    wait: options.wait,
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
  const settings = { ...envClientpaySettings(), ...options };
  const emulator = createClientpayEmulator(settings);
  const hostname = options.hostname ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: emulator.app.fetch, hostname, port: options.port ?? 4020 }, () => resolve(started));
    started.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${hostname}:${port}/`;
  // The emulator serves its hosted pages, so their URLs point at it unless told otherwise.
  if (!settings.appBaseUrl) emulator.deps.appBaseUrl = url.replace(/\/+$/, "");
  return {
    url,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        // Held responses would keep their sockets open; let them go so close() can finish.
        emulator.holds.clear();
        emulator.outbox.clear();
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
