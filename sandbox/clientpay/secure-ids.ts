import { randomUUID } from "node:crypto";

/**
 * Access IDs and request IDs are bearer tokens: they come from the CSPRNG so nobody can guess
 * another account's id, even though everything else in the emulator is deterministic.
 */
export function newSecretId(): string {
  return randomUUID();
}
