import "server-only";
import type { KeyRing } from "./key-ring";
import { open, seal, sealedKeyId, secretContext } from "./seal";
import { sealedSecrets } from "./stored-secrets";

export interface RotationReport {
  resealed: number;
  alreadyActive: number;
  changedMeanwhile: number;
  failures: string[];
}

/**
 * Re-seals every secret not yet on the ring's active key. Online: a row is replaced only
 * if unchanged since it was read. Idempotent and resumable: rows on the active key are skipped.
 */
export async function resealAll(ring: KeyRing): Promise<RotationReport> {
  const report: RotationReport = { resealed: 0, alreadyActive: 0, changedMeanwhile: 0, failures: [] };
  for await (const secret of sealedSecrets()) {
    if (sealedKeyId(secret.sealed) === ring.activeKeyId) {
      report.alreadyActive++;
      continue;
    }
    const context = secretContext(secret.table, secret.recordId, secret.field);
    try {
      const resealed = seal(ring, open(ring, secret.sealed, context), context);
      if (await secret.replace(resealed)) report.resealed++;
      else report.changedMeanwhile++;
    } catch (error) {
      report.failures.push(`${secret.table} ${secret.recordId} ${secret.field}: ${(error as Error).message}`);
    }
  }
  return report;
}

export interface CheckReport {
  total: number;
  byKeyId: Record<string, number>;
  failures: string[];
}

/** Opens every secret with its own associated data; reports which master key each uses. Never returns a secret. */
export async function checkAll(ring: KeyRing): Promise<CheckReport> {
  const report: CheckReport = { total: 0, byKeyId: {}, failures: [] };
  for await (const secret of sealedSecrets()) {
    report.total++;
    try {
      open(ring, secret.sealed, secretContext(secret.table, secret.recordId, secret.field));
      const keyId = sealedKeyId(secret.sealed) ?? "?";
      report.byKeyId[keyId] = (report.byKeyId[keyId] ?? 0) + 1;
    } catch (error) {
      report.failures.push(`${secret.table} ${secret.recordId} ${secret.field}: ${(error as Error).message}`);
    }
  }
  return report;
}
