import type { FetchLike } from "../http/request";
import { createClientpayClient, type ClientpayClientOptions } from "./client";

/**
 * Test helper: a client on the emulator's operating demo account (its public demo credentials)
 * that talks to an in-process emulator app — no socket, no retry waits. Test-only; it takes the
 * emulator's app as an argument because lib never imports the sandbox.
 */
export const DEMO_OPERATING = { integratorKey: "paydesk-sandbox-integrator", accountKey: "sandbox-operating", accountPin: "1111" };

export function clientOnEmulator(app: { request: FetchLike }, overrides: Partial<ClientpayClientOptions> = {}) {
  return createClientpayClient({
    baseUrl: "http://emulator/v2/",
    ...DEMO_OPERATING,
    fetch: async (input, init) => app.request(input, init),
    sleep: async () => {},
    timeoutMs: 2_000,
    ...overrides,
  });
}
