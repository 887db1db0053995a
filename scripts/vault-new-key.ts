/** `npm run vault:new-key`: prints a fresh VAULT_KEYS entry (id:base64 32 bytes) to put first. */
import { randomBytes } from "node:crypto";

const id = `k${new Date().toISOString().replace(/\D/g, "").slice(0, 12)}`;
console.log(`${id}:${randomBytes(32).toString("base64")}`);
