import "server-only";
import { z } from "zod";
import { trustedProxiesProblem } from "./client-address";
import { parseKeyRing, VaultConfigError } from "./vault/key-ring";

export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Every environment variable the app reads, with its offline default.
 * `.env.example` documents each one; keep the two in step.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a file: URL (SQLite) or a postgresql:// URL")
    .default("file:./prisma/dev.db"),
  NEXTAUTH_SECRET: z.string({ error: "is required (run `npm run setup:env` to generate one)" }).min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  /** A session's absolute lifetime: activity never extends it. */
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Signed out after this long without a page view or action (PCI DSS 8.2.8: at most 15 minutes). */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(24 * 60 * 60).default(15 * 60),
  /** How long before the idle sign-out the "stay signed in" warning shows. */
  SESSION_IDLE_WARNING_SECONDS: z.coerce.number().int().min(5).max(60 * 60).default(60),
  /** How long a re-entered password (step-up) covers sensitive changes: key rotation, host changes, role changes, 2FA resets. */
  STEP_UP_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(24 * 60 * 60).default(5 * 60),
  /**
   * Proxies whose X-Forwarded-For / X-Real-IP are believed, as proxy-addr reads them: addresses,
   * CIDR ranges or the names loopback, linklocal, uniquelocal, comma-separated. Empty: none, the
   * client address is the connection's own.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, context) => {
      const problem = trustedProxiesProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
  /** Who must use two-factor sign-in: admins always (PCI DSS 8.4.2); "everyone" extends it to all staff. */
  TWO_FACTOR_REQUIRED_FOR: z.enum(["admins", "everyone"]).default("admins"),
  /**
   * Gateway hosts an account's URL override may name besides the documented USAePay and
   * ClientPay hosts and the emulator URLs: host names, comma-separated (https only).
   */
  GATEWAY_ALLOWED_HOSTS: z
    .string()
    .default("")
    .refine((value) => splitList(value).every((host) => /^[a-z0-9.-]+(:\d{1,5})?$/i.test(host)), "must be host names (optionally with :port), comma-separated"),
  VAULT_KEYS: z
    .string({ error: "is required (run `npm run setup:env` to generate one)" })
    .superRefine((value, context) => {
      try {
        parseKeyRing(value);
      } catch (error) {
        if (!(error instanceof VaultConfigError)) throw error;
        context.addIssue({ code: "custom", message: error.message.replace(/^VAULT_KEYS /, "") });
      }
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How often each app instance starts the background mirror sync; 0 turns it off (pages still sync a stale account). */
  MIRROR_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  /** Rows an export reads per database query (keyset batches): memory per export is about this many rows. */
  EXPORT_BATCH_SIZE: z.coerce.number().int().min(100).max(20_000).default(2000),
  /** The most rows one export may have; a bigger filtered set is refused with a message to narrow it. */
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(50_000_000).default(1_000_000),
  /**
   * Which way out this instance's USAePay calls leave: USAePay counts its limit per endpoint key
   * and client IP, so instances that share an IP share one budget. Set a distinct value per
   * instance only when instances leave through different IPs (docs/usaepay-api.md, Rate limits).
   */
  USAEPAY_EGRESS_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, "may hold letters, digits and . _ : - (at most 64)").default("installation"),
  /** Percent of each USAePay window (minute, day) the sync leaves for people: staff actions and live reads. */
  UPSTREAM_RESERVE_PERCENT: z.coerce.number().int().min(5).max(80).default(20),
  /** How long a call someone is waiting for (a key check, an access-ID change, a live look-up) may take; money calls have USAEPAY_MONEY_TIMEOUT_SECONDS. */
  INTERACTIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(10).default(8),
  /** A detail page's local copy younger than this is shown without asking USAePay. */
  DETAIL_FRESH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Live reads (background refreshes and look-ups) one person may cause per minute. */
  LIVE_READS_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(30),
  /** With webhooks on for an account, its incremental sync runs only this often (a safety net). */
  MIRROR_SAFETY_NET_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * How long a USAePay call that moves money (refund, void, capture, adjust, charge, batch close)
   * may take before its outcome is recorded as unknown and reconciled by a read. Never retried.
   */
  USAEPAY_MONEY_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(120).default(30),
  USAEPAY_EMULATOR_URL: z.url().default("http://127.0.0.1:4010/api/v2/"),
  CLIENTPAY_EMULATOR_URL: z.url().default("http://127.0.0.1:4020/v2/"),
  /**
   * The address ClientPay posts payment results to (<base>/api/clientpay/postback/...): it must be
   * reachable from ClientPay, which NEXTAUTH_URL (the staff's address) may not be. Unset: NEXTAUTH_URL.
   */
  CLIENTPAY_POSTBACK_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nSee .env.example.`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings in .env mean "not set", so defaults apply rather than validation errors.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  return result.data;
}
