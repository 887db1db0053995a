import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "./key-ring";

/**
 * AES-256-GCM with a random 96-bit IV. A sealed value reads
 *   v1.<keyId>.<iv>.<ciphertext>.<tag>   (base64url parts)
 * so it says which master key opens it and in which format. The associated data
 * (see `secretContext`) is authenticated but not stored: a ciphertext copied to another
 * row or field fails to open there.
 */
const FORMAT = "v1";

export class VaultOpenError extends Error {
  constructor(reason: string) {
    super(`sealed secret could not be opened: ${reason}`);
    this.name = "VaultOpenError";
  }
}

/** Binds a ciphertext to the record and field it belongs to. */
export function secretContext(table: string, recordId: string, field: string): string {
  return `paydesk:${table}:${recordId}:${field}`;
}

export function seal(ring: KeyRing, plaintext: string, context: string): string {
  const key = ring.keys.get(ring.activeKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [FORMAT, ring.activeKeyId, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === FORMAT ? parts[1] : undefined;
}

export function open(ring: KeyRing, sealed: string, context: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== FORMAT) throw new VaultOpenError("unknown format");
  const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) throw new VaultOpenError(`master key "${keyId}" is not in VAULT_KEYS`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new VaultOpenError("tampered, or sealed for another record or field");
  }
}

/**
 * What pages show instead of a secret: its last four characters, but only for long
 * secrets. A short one (a PIN) shows none, since its last four would be most or all of it.
 */
export function maskedHint(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
}
