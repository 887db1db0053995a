/**
 * Creates .env from .env.example with freshly generated secrets, if .env is missing.
 * An existing .env is left alone, except that empty or absent secrets are filled in.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fillSecrets } from "./env-secrets";

const root = path.resolve(import.meta.dirname, "..");
const envPath = path.join(root, ".env");
const examplePath = path.join(root, ".env.example");

const created = !existsSync(envPath);
const source = readFileSync(created ? examplePath : envPath, "utf8");
const { text, filled } = fillSecrets(source);
if (created || filled.length > 0) {
  writeFileSync(envPath, text, { mode: 0o600 });
  console.log(created ? `Created .env with new ${filled.join(", ")}.` : `Filled in ${filled.join(", ")} in .env.`);
}
