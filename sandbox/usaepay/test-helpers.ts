import { createHash } from "node:crypto";
import { createUsaepayEmulator, type UsaepayEmulatorOptions } from "./index";

/** Parsed response JSON: tests assert on it field by field, so a loose type is the honest one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Wire = any;

/** Shared by the emulator's tests: a pinned clock and anchor, and small request helpers. */
export const TEST_ANCHOR = "2026-01-15T00:00:00Z";
export const TEST_NOW = Date.parse("2026-01-15T18:00:00Z");
export const DOCS_KEY = "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7";
export const DOCS_PIN = "123456";
export const OPERATING_KEY = "PDdemoOperating00000000000000001";
export const OPERATING_PIN = "1111";
export const TRUST_KEY = "PDdemoTrust000000000000000000002";
export const TRUST_PIN = "2222";
/** The docs' curl example header (seed abcdefghijklmnop): docs/usaepay-api.md, "Authentication". */
export const DOCS_EXAMPLE_HEADER =
  "Basic X1Y4N1F0YjUxM0NkM3ZhYk03UkMwVGJ0SldlU284cDc6czIvYWJjZGVmZ2hpamtsbW5vcC9iNzRjMmZhOTFmYjBhMDk3NTVlMzc3ZWU4ZTIwYWE4NmQyYjkyYzNkMmYyNzcyODBkYjU5NWY2MzZiYjE5MGU2";

export function basicAuth(apiKey: string, pin: string, seed = "testseed01"): string {
  const hash = createHash("sha256").update(apiKey + seed + pin).digest("hex");
  return `Basic ${Buffer.from(`${apiKey}:s2/${seed}/${hash}`).toString("base64")}`;
}

export function testEmulator(options: UsaepayEmulatorOptions = {}) {
  const emulator = createUsaepayEmulator({ anchorDate: TEST_ANCHOR, now: () => TEST_NOW, ratePerMinute: 100_000, ratePerDay: 1_000_000, ...options });
  async function api(method: string, path: string, init: { body?: unknown; rawBody?: string; auth?: string | null; key?: string; pin?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    const auth = init.auth === undefined ? basicAuth(init.key ?? OPERATING_KEY, init.pin ?? OPERATING_PIN) : init.auth;
    if (auth !== null) headers.Authorization = auth;
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await emulator.app.request(`http://emulator.test${path}`, { method, headers, body });
    const text = await response.text();
    let json: Wire;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  }
  async function control(method: string, path: string, body?: unknown) {
    const response = await emulator.app.request(`http://emulator.test/__sandbox/usaepay/${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Wire };
  }
  return { emulator, api, control };
}
