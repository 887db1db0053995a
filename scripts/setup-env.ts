/**
 * Creates .env from .env.example with freshly generated secrets, if .env is missing.
 * An existing .env is left alone, except that an empty secret is filled in.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const envPath = path.join(root, ".env");
const examplePath = path.join(root, ".env.example");

const GENERATED: Record<string, () => string> = {
  NEXTAUTH_SECRET: () => randomBytes(32).toString("base64url"),
};

export function fillSecrets(text: string): { text: string; filled: string[] } {
  const filled: string[] = [];
  const lines = text.split("\n").map((line) => {
    const match = /^([A-Z0-9_]+)=("?)("?)$/.exec(line.trim());
    const name = match?.[1];
    if (!name || !GENERATED[name]) return line;
    filled.push(name);
    return `${name}="${GENERATED[name]()}"`;
  });
  return { text: lines.join("\n"), filled };
}

const created = !existsSync(envPath);
const source = readFileSync(created ? examplePath : envPath, "utf8");
const { text, filled } = fillSecrets(source);
if (created || filled.length > 0) {
  writeFileSync(envPath, text, { mode: 0o600 });
  console.log(created ? `Created .env with new ${filled.join(", ")}.` : `Filled empty ${filled.join(", ")} in .env.`);
}
