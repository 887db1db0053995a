/**
 * ClientPay v2 emulator entry points. The full API is being added in the following commits;
 * this first version only fixes the exported contract that sandbox/server.ts relies on.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

export interface ClientpayEmulatorOptions {
  /** Start of "today" for the deterministic history; defaults to SANDBOX_ANCHOR_DATE or the current UTC day. */
  anchorDate?: Date;
}

export function createClientpayEmulator(_options: ClientpayEmulatorOptions = {}) {
  const app = new Hono();
  return { app };
}

export async function startClientpayEmulator(options: { hostname?: string; port?: number } & ClientpayEmulatorOptions = {}) {
  const emulator = createClientpayEmulator(options);
  const hostname = options.hostname ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: emulator.app.fetch, hostname, port: options.port ?? 4020 }, () => resolve(started));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${hostname}:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
