import { GatewayError } from "../http";
import { createUsaepayClient, type UsaepayClientOptions } from "./client";

/**
 * Shared by this folder's tests: a client wired to an in-process emulator, its control plane and
 * its call counters. The tests create the emulator (the app itself never imports the sandbox).
 */
export const OPERATING_KEY = "PDdemoOperating00000000000000001";
export const OPERATING_PIN = "1111";
export const VISA = { number: "4000100011112224", expiration: "0930", cvc: "123" };

type InProcess = { app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> } };

export function clientAgainst(emulator: InProcess, client: Partial<UsaepayClientOptions> = {}) {
  const sleeps: number[] = [];
  const usaepay = createUsaepayClient({
    baseUrl: "http://emulator.test/api/v2/",
    apiKey: OPERATING_KEY,
    pin: OPERATING_PIN,
    fetch: (url, init) => emulator.app.request(url, init),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...client,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- control answers are asserted field by field
  const control = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await emulator.app.request(`http://emulator.test/__sandbox/usaepay/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json();
  };
  const counters = async (apiKey = OPERATING_KEY): Promise<{ calls: number; routes: Record<string, number> }> => control("GET", `counters/${apiKey}`);
  const calls = async () => (await counters()).calls;
  return { client: usaepay, control, counters, calls, sleeps };
}

export async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a GatewayError");
}
