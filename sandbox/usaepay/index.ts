import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { hashString } from "../shared/prng";
import { hold } from "../shared/chaos";
import { buildApp } from "./app";
import { envRateLimits, envWebhookRetryScale, resolveAnchor } from "./config";
import { EmulatorState } from "./state";
import type { WebhookFetch, WebhookScheduler } from "./webhooks";

/**
 * USAePay REST v2 emulator. `createUsaepayEmulator()` gives the Hono app for in-process use
 * (`fetch: (url, init) => emulator.app.request(url, init)`); `startUsaepayEmulator()` also
 * listens on a port (default 4010 via sandbox/server.ts). See README.md in this folder.
 */
export interface UsaepayEmulatorOptions {
  /** Generated history ends here; default SANDBOX_ANCHOR_DATE or the start of the current UTC day. */
  anchorDate?: Date | string | number;
  /** Default limits for endpoint keys without their own; default env or 45 / 5000. */
  ratePerMinute?: number;
  ratePerDay?: number;
  /** Clock for new transactions and batch closes; default Date.now. */
  now?: () => number;
  /** Seed for fault-rate decisions. */
  chaosSeed?: number;
  /**
   * How injected latency, held calls and slow test cards wait; default a timer that ends early
   * when the client disconnects. Tests inject one to assert on the requested delays, not on time.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Webhook deliveries: how they are sent (default global fetch), when retries run, retry scale. */
  webhookFetch?: WebhookFetch;
  webhookSchedule?: WebhookScheduler;
  /** Default multiplier of the documented retry delays; default env USAEPAY_EMULATOR_WEBHOOK_RETRY_SCALE or 1. */
  webhookRetryScale?: number;
}

export interface UsaepayEmulator {
  app: Hono;
  state: EmulatorState;
  /** Convenience for clients under test: a fetch that never touches the network. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

export function createUsaepayEmulator(options: UsaepayEmulatorOptions = {}): UsaepayEmulator {
  const envLimits = envRateLimits();
  const now = options.now ?? Date.now;
  const state = new EmulatorState({
    anchorMs: resolveAnchor(options.anchorDate),
    defaultLimits: { perMinute: options.ratePerMinute ?? envLimits.perMinute, perDay: options.ratePerDay ?? envLimits.perDay },
    chaosSeed: options.chaosSeed ?? hashString("usaepay:chaos"),
    now,
    webhooks: { fetch: options.webhookFetch, schedule: options.webhookSchedule, retryScale: options.webhookRetryScale ?? envWebhookRetryScale() },
  });
  const app = buildApp(state, now, options.sleep ?? hold);
  const fetch = async (input: string | URL | Request, init?: RequestInit) => app.request(input, init);
  return { app, state, fetch };
}

export interface StartedUsaepayEmulator extends UsaepayEmulator {
  /** e.g. "http://127.0.0.1:4010/" (trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Fills batch-total caches in small slices on idle ticks, so start-up stays instant. */
function warmCachesInBackground(state: EmulatorState): () => void {
  let stopped = false;
  const step = () => {
    if (stopped) return;
    const pending = [...state.merchants.values()].find((store) => !store.warmBatchTotals(10));
    if (pending) setTimeout(step, 10).unref();
  };
  setTimeout(step, 50).unref();
  return () => {
    stopped = true;
  };
}

export async function startUsaepayEmulator(options: UsaepayEmulatorOptions & { hostname?: string; port?: number; warmCaches?: boolean } = {}): Promise<StartedUsaepayEmulator> {
  const emulator = createUsaepayEmulator(options);
  const stopWarming = options.warmCaches === false ? () => undefined : warmCachesInBackground(emulator.state);
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: emulator.app.fetch, hostname, port: options.port ?? 4010 }, (info) => {
      resolve({
        ...emulator,
        url: `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${info.port}/`,
        close: () => new Promise<void>((done) => {
          stopWarming();
          emulator.state.webhooks.reset();
          server.close(() => done());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      });
    });
    server.once("error", reject);
  });
}
