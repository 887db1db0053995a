import "server-only";
import { z } from "zod";
import { parseKeyRing, VaultConfigError } from "./vault/key-ring";

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
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
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
  USAEPAY_EMULATOR_URL: z.url().default("http://127.0.0.1:4010/api/v2/"),
  CLIENTPAY_EMULATOR_URL: z.url().default("http://127.0.0.1:4020/v2/"),
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
