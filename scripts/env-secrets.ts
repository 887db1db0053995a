import { randomBytes } from "node:crypto";

export const GENERATED: Record<string, () => string> = {
  NEXTAUTH_SECRET: () => randomBytes(32).toString("base64url"),
  VAULT_KEYS: () => `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}:${randomBytes(32).toString("base64")}`,
};

/** Fills each generated secret that is empty, and appends any that is absent. */
export function fillSecrets(text: string): { text: string; filled: string[] } {
  const filled: string[] = [];
  const present = new Set<string>();
  const lines = text.split("\n").map((line) => {
    const name = /^([A-Z0-9_]+)=/.exec(line.trim())?.[1];
    if (name) present.add(name);
    if (!name || !GENERATED[name] || !/^[A-Z0-9_]+=(""|)$/.test(line.trim())) return line;
    filled.push(name);
    return `${name}="${GENERATED[name]()}"`;
  });
  for (const [name, generate] of Object.entries(GENERATED)) {
    if (present.has(name)) continue;
    filled.push(name);
    lines.push(`${name}="${generate()}"`);
  }
  return { text: lines.join("\n"), filled };
}
