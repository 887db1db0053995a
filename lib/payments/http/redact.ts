import "server-only";

/**
 * Replaces every occurrence of a secret value (and its base64 / URL-encoded forms, which is how
 * keys travel in Basic headers and paths) with "[redacted]". Values shorter than 4 characters are
 * skipped: a 4-digit PIN is still redacted, but "12" would blank out half a message.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")])) {
      result = result.split(form).join("[redacted]");
    }
  }
  return result.replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9+/=._-]+/gi, "$1[redacted]");
}
