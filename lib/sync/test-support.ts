import { randomUUID } from "node:crypto";
import { replaceCurrentCredentials } from "@/lib/dal/internal/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createUsaepayClient } from "@/lib/payments/usaepay";

/**
 * Shared by the sync's database tests: an in-process emulator and accounts wired to it. The
 * budget is per (host, endpoint key, egress), so each account gets an endpoint key of its own
 * on the configured emulator's host (the one host the gateway allow-list lets a test use)
 * unless a test shares one on purpose (`base`), and tests never draw from each other's budgets.
 */
export const EMULATOR_BASE = "http://usaepay.test/api/v2/";
export const uniqueBase = () => new URL(`/api/t${randomUUID().slice(0, 8)}/`, env.USAEPAY_EMULATOR_URL).toString();
export const DOCS_KEY = { key: "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7", pin: "123456" };

type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
export type TestEmulator = { fetch: FetchFn; control: (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>> };

/** Wraps an in-process emulator (the tests create it: the app itself never imports the sandbox). */
export function withControl(emu: { fetch: FetchFn }): TestEmulator {
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await emu.fetch(`http://usaepay.test/__sandbox/usaepay/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  return { ...emu, control };
}

export async function callsFor(emu: TestEmulator, apiKey: string): Promise<{ calls: number; rateLimited: number }> {
  const counters = (await emu.control("GET", "counters")) as { keys: Record<string, { calls: number; rateLimited: number }> };
  return counters.keys[apiKey] ?? { calls: 0, rateLimited: 0 };
}

/** A merchant account on the emulator with the given USAePay key (sealed like any other). */
export async function makeMerchant(credentials: { key: string; pin: string }, options: { base?: string } = {}) {
  const slug = `sync-${randomUUID().slice(0, 8)}`;
  const merchant = await db.merchantAccount.create({ data: { slug, name: slug, environment: "emulator", usaepayBaseUrl: options.base ?? uniqueBase() } });
  await replaceCurrentCredentials(merchant.id, "usaepay", credentials, { actor: null });
  return merchant;
}

/** A brand-new, empty emulated merchant with its own key, for tests that create their own sales. */
export async function emptyUpstreamMerchant(emu: TestEmulator) {
  const key = `PDtest${randomUUID().replace(/-/g, "").slice(0, 26)}`;
  await emu.control("POST", "keys", { apiKey: key, pin: "4321" });
  const client = createUsaepayClient({ baseUrl: EMULATOR_BASE, apiKey: key, pin: "4321", fetch: emu.fetch, retry: { maxAttempts: 1 } });
  return { key, pin: "4321", client };
}

export const TEST_CARD = { number: "4000100011112224", expiration: "1239", cvc: "123", cardholder: "Test Holder" };
