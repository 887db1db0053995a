import { createHash, randomBytes } from "node:crypto";

/**
 * USAePay REST authentication (docs/usaepay-api.md, "Authentication"): HTTP Basic with the API key as user name and
 * `s2/<seed>/<sha256hex(apikey + seed + pin)>` as password. The seed travels in clear, so a
 * fresh random one per request costs nothing and keeps one captured header from matching the next.
 */
export function hashApiKey(apiKey: string, seed: string, pin: string): string {
  return createHash("sha256").update(apiKey + seed + pin, "utf8").digest("hex");
}

export function buildApiHash(apiKey: string, seed: string, pin: string): string {
  if (seed.length === 0 || seed.includes("/")) throw new Error("USAePay auth seed must be non-empty and contain no '/'");
  return `s2/${seed}/${hashApiKey(apiKey, seed, pin)}`;
}

export function buildAuthorizationHeader(apiKey: string, pin: string, seed: string = randomSeed()): string {
  const credentials = `${apiKey}:${buildApiHash(apiKey, seed, pin)}`;
  return `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`;
}

/** 32 hex characters, like the docs' examples. */
export function randomSeed(): string {
  return randomBytes(16).toString("hex");
}
