import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env-schema";

const secret = "x".repeat(40);
const vaultKeys = `k1:${Buffer.alloc(32, 7).toString("base64")}`;
const valid = { NEXTAUTH_SECRET: secret, VAULT_KEYS: vaultKeys };

describe("parseEnv", () => {
  it("applies offline defaults when only the secret is given", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.db");
    expect(env.USAEPAY_EMULATOR_URL).toBe("http://127.0.0.1:4010/api/v2/");
    expect(env.SESSION_MAX_AGE_HOURS).toBe(12);
    expect(env.MIRROR_SYNC_INTERVAL_SECONDS).toBe(30);
    expect(env).toMatchObject({ USAEPAY_EGRESS_ID: "installation", UPSTREAM_RESERVE_PERCENT: 20, INTERACTIVE_TIMEOUT_SECONDS: 8, DETAIL_FRESH_SECONDS: 60 });
    expect(env.SESSION_IDLE_TIMEOUT_SECONDS).toBe(900);
    expect(env.STEP_UP_MAX_AGE_SECONDS).toBe(300);
    expect(env.TRUSTED_PROXIES).toBe("");
    expect(env.TWO_FACTOR_REQUIRED_FOR).toBe("admins");
    expect(env.USAEPAY_MONEY_TIMEOUT_SECONDS).toBe(30);
  });

  it("holds interactive timeouts to at most 10 s and the egress id to safe characters", () => {
    expect(() => parseEnv({ ...valid, INTERACTIVE_TIMEOUT_SECONDS: "30" })).toThrow(/INTERACTIVE_TIMEOUT_SECONDS/);
    expect(() => parseEnv({ ...valid, USAEPAY_EGRESS_ID: "two words" })).toThrow(/USAEPAY_EGRESS_ID may hold/);
    expect(parseEnv({ ...valid, USAEPAY_EGRESS_ID: "eu-west-1:nat-a" }).USAEPAY_EGRESS_ID).toBe("eu-west-1:nat-a");
  });

  it("takes trusted proxies and extra gateway hosts in their syntax, and names a bad one", () => {
    expect(parseEnv({ ...valid, TRUSTED_PROXIES: "loopback, 10.0.0.0/8, 2001:db8::1" }).TRUSTED_PROXIES).toContain("loopback");
    expect(() => parseEnv({ ...valid, TRUSTED_PROXIES: "not-an-address" })).toThrow(/TRUSTED_PROXIES must be addresses/);
    expect(() => parseEnv({ ...valid, GATEWAY_ALLOWED_HOSTS: "https://gw.example.com/" })).toThrow(/GATEWAY_ALLOWED_HOSTS must be host names/);
    expect(() => parseEnv({ ...valid, SESSION_IDLE_TIMEOUT_SECONDS: "5" })).toThrow(/SESSION_IDLE_TIMEOUT_SECONDS/);
  });

  it("bounds the money-call timeout", () => {
    expect(parseEnv({ ...valid, USAEPAY_MONEY_TIMEOUT_SECONDS: "5" }).USAEPAY_MONEY_TIMEOUT_SECONDS).toBe(5);
    expect(() => parseEnv({ ...valid, USAEPAY_MONEY_TIMEOUT_SECONDS: "1" })).toThrow(/USAEPAY_MONEY_TIMEOUT_SECONDS/);
  });

  it("rejects a missing secret with a message that names it", () => {
    expect(() => parseEnv({})).toThrow(EnvError);
    expect(() => parseEnv({})).toThrow(/NEXTAUTH_SECRET is required/);
  });

  it("treats an empty value as missing", () => {
    expect(() => parseEnv({ ...valid, NEXTAUTH_SECRET: "" })).toThrow(/NEXTAUTH_SECRET is required/);
  });

  it("rejects missing or malformed vault keys with a message that names them", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: secret })).toThrow(/VAULT_KEYS is required/);
    expect(() => parseEnv({ ...valid, VAULT_KEYS: "k1:tooshort" })).toThrow(/VAULT_KEYS key "k1" is not 32 bytes of base64/);
  });

  it("rejects a short secret and an unknown database URL scheme, listing both", () => {
    try {
      parseEnv({ NEXTAUTH_SECRET: "short", DATABASE_URL: "mysql://x", VAULT_KEYS: vaultKeys });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).problems).toHaveLength(2);
      expect((error as Error).message).toMatch(/NEXTAUTH_SECRET must be at least 32 characters/);
      expect((error as Error).message).toMatch(/DATABASE_URL must be a file: URL/);
    }
  });

  it("leaves the ClientPay postback address to NEXTAUTH_URL unless set, and refuses a non-http one", () => {
    expect(parseEnv(valid).CLIENTPAY_POSTBACK_BASE_URL).toBeUndefined();
    expect(parseEnv({ ...valid, CLIENTPAY_POSTBACK_BASE_URL: "https://desk.example.com" }).CLIENTPAY_POSTBACK_BASE_URL).toBe("https://desk.example.com");
    expect(() => parseEnv({ ...valid, CLIENTPAY_POSTBACK_BASE_URL: "ftp://desk.example.com" })).toThrow(/CLIENTPAY_POSTBACK_BASE_URL/);
  });

  it("accepts a PostgreSQL URL", () => {
    expect(parseEnv({ ...valid, DATABASE_URL: "postgresql://u:p@h/db" }).DATABASE_URL).toMatch(/^postgresql/);
  });
});
