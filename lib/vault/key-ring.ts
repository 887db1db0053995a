import "server-only";

/**
 * The vault's master keys, from VAULT_KEYS: a comma-separated list of `id:base64key`,
 * each key exactly 32 bytes. The first key seals; every key opens. To rotate: put a new
 * key first, keep the old ones after it, run `npm run vault:rotate`, then drop the old.
 */
export interface KeyRing {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class VaultConfigError extends Error {
  constructor(message: string) {
    super(`VAULT_KEYS ${message}. Generate a key with \`npm run vault:new-key\` (see README, "Secrets").`);
    this.name = "VaultConfigError";
  }
}

export function parseKeyRing(raw: string | undefined): KeyRing {
  if (!raw || raw.trim() === "") throw new VaultConfigError("is missing");
  const keys = new Map<string, Buffer>();
  let activeKeyId: string | undefined;
  for (const entry of raw.split(",").map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : "";
    const encoded = separator > 0 ? entry.slice(separator + 1) : "";
    if (!KEY_ID.test(id)) throw new VaultConfigError(`has an entry without a valid key id (expected id:base64key, id of letters, digits, _ or -)`);
    if (keys.has(id)) throw new VaultConfigError(`lists key id "${id}" twice`);
    // 32 bytes are exactly 43 base64 characters plus one "=" of padding.
    if (!/^[A-Za-z0-9+/]{43}=?$/.test(encoded)) throw new VaultConfigError(`key "${id}" is not 32 bytes of base64`);
    const key = Buffer.from(encoded, "base64");
    keys.set(id, key);
    activeKeyId ??= id;
  }
  if (!activeKeyId) throw new VaultConfigError("has no keys");
  return { activeKeyId, keys };
}
