/**
 * `npm run vault:rotate`: re-seals every secret with the active (first) key in VAULT_KEYS.
 * Online, idempotent and resumable (see lib/vault/maintenance.ts). Prints counts only.
 */
import "./load-env";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseKeyRing } from "@/lib/vault/key-ring";
import { resealAll } from "@/lib/vault/maintenance";

const ring = parseKeyRing(env.VAULT_KEYS);
const report = await resealAll(ring);
for (const failure of report.failures) console.error(`  could not re-seal ${failure}`);
console.log(
  `vault:rotate to key "${ring.activeKeyId}": ${report.resealed} re-sealed, ${report.alreadyActive} already on it, ` +
    `${report.changedMeanwhile} changed meanwhile (run again), ${report.failures.length} failed.`,
);
await db.$disconnect();
process.exit(report.failures.length > 0 ? 1 : 0);
