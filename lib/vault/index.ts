import "server-only";
import { env } from "@/lib/env";
import { parseKeyRing, type KeyRing } from "./key-ring";
import { maskedHint, open, seal, secretContext } from "./seal";

/**
 * The app's vault: seals secrets for storage and opens them just before a gateway call.
 * VAULT_KEYS is validated with the rest of the environment at start-up.
 */
let ring: KeyRing | undefined;
function keyRing(): KeyRing {
  ring ??= parseKeyRing(env.VAULT_KEYS);
  return ring;
}

export interface SealedField {
  sealed: string;
  hint: string;
}

export function sealSecret(plaintext: string, table: string, recordId: string, field: string): SealedField {
  return { sealed: seal(keyRing(), plaintext, secretContext(table, recordId, field)), hint: maskedHint(plaintext) };
}

export function openSecret(sealed: string, table: string, recordId: string, field: string): string {
  return open(keyRing(), sealed, secretContext(table, recordId, field));
}

export { maskedHint } from "./seal";
