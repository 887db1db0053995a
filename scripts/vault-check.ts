/**
 * `npm run vault:check`: proves every sealed secret opens with VAULT_KEYS and its own
 * associated data, and counts which master key each uses. Prints no secret; exit 1 on failure.
 */
import "./load-env";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseKeyRing } from "@/lib/vault/key-ring";
import { checkAll } from "@/lib/vault/maintenance";

const ring = parseKeyRing(env.VAULT_KEYS);
const report = await checkAll(ring);
for (const failure of report.failures) console.error(`  ${failure}`);
const usage = Object.entries(report.byKeyId)
  .map(([keyId, count]) => `${count} on "${keyId}"${keyId === ring.activeKeyId ? " (active)" : ""}`)
  .join(", ");
console.log(`vault:check: ${report.total - report.failures.length} of ${report.total} secrets open${usage ? ` (${usage})` : ""}; ${report.failures.length} failed.`);
await db.$disconnect();
process.exit(report.failures.length > 0 ? 1 : 0);
