/**
 * Built-in merchants and their API keys. The data of each is generated from its id, so the ids
 * below must never change (every demo key, customer and refnum derives from them).
 */
export interface DemoMerchant {
  id: string;
  name: string;
  apiKey: string;
  pin: string;
  customerCount: number;
  transactionCount: number;
}

export const DEMO_MERCHANTS: readonly DemoMerchant[] = [
  {
    id: "docs-example",
    name: "USAePay docs example merchant",
    apiKey: "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7",
    pin: "123456",
    customerCount: 300,
    transactionCount: 6_000,
  },
  {
    id: "operating",
    name: "Paydesk demo operating account",
    apiKey: "PDdemoOperating00000000000000001",
    pin: "1111",
    customerCount: 2_600,
    transactionCount: 104_000,
  },
  {
    id: "trust",
    name: "Paydesk demo trust account",
    apiKey: "PDdemoTrust000000000000000000002",
    pin: "2222",
    customerCount: 2_500,
    transactionCount: 100_000,
  },
];

export const DEFAULT_RATE_PER_MINUTE = 45;
export const DEFAULT_RATE_PER_DAY = 5_000;

/** Endpoint keys with documented sandbox behaviour (docs/usaepay-api.md, "Rate limits"). */
export const RATE_LIMIT_TEST_ENDPOINT = "RATELIMT";
export const IP_ACCESS_TEST_ENDPOINT = "IPACCESS";

function positiveInt(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

export function envRateLimits(env: NodeJS.ProcessEnv = process.env): { perMinute: number; perDay: number } {
  return {
    perMinute: positiveInt(env.USAEPAY_EMULATOR_RATE_PER_MINUTE) ?? DEFAULT_RATE_PER_MINUTE,
    perDay: positiveInt(env.USAEPAY_EMULATOR_RATE_PER_DAY) ?? DEFAULT_RATE_PER_DAY,
  };
}

/**
 * Multiplier for the documented webhook retry delays (5 min ... 6 h): env
 * USAEPAY_EMULATOR_WEBHOOK_RETRY_SCALE, e.g. 0.001 turns 5 minutes into 300 ms. Default 1.
 */
export function envWebhookRetryScale(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = Number(env.USAEPAY_EMULATOR_WEBHOOK_RETRY_SCALE);
  return env.USAEPAY_EMULATOR_WEBHOOK_RETRY_SCALE && Number.isFinite(parsed) && parsed >= 0 ? parsed : 1;
}

/** Start of the current UTC day, or SANDBOX_ANCHOR_DATE (any Date.parse-able value, e.g. 2026-01-15). */
export function resolveAnchor(option?: Date | string | number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = option ?? env.SANDBOX_ANCHOR_DATE;
  if (raw !== undefined && raw !== "") {
    const parsed = raw instanceof Date ? raw.getTime() : typeof raw === "number" ? raw : Date.parse(raw);
    if (Number.isNaN(parsed)) throw new Error(`Invalid sandbox anchor date: ${String(raw)}`);
    return parsed;
  }
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}
