import { describe, expect, it } from "vitest";
import { db, isPostgresUrl } from "@/lib/db";
import { env } from "@/lib/env";
import { seedDemoMerchants, seedDemoUsers } from "@/prisma/seed";
import { DEMO_INTEGRATOR_KEY, DEMO_MERCHANTS } from "@/prisma/demo-merchants";
import { storeDemoWebhookKeys } from "@/prisma/demo-webhooks";

async function tableNames(): Promise<string[]> {
  if (isPostgresUrl(env.DATABASE_URL)) {
    const rows = await db.$queryRawUnsafe<{ table_name: string }[]>("SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public'");
    return rows.map((row) => row.table_name);
  }
  const rows = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  // FTS5's own storage behind the search tables (binary index blocks): the search tables themselves are read.
  const ftsShadow = /_(data|idx|content|docsize|config)$/;
  const names = rows.map((row) => row.name);
  return names.filter((name) => !(ftsShadow.test(name) && names.includes(name.replace(ftsShadow, ""))));
}

describe("secrets at rest", () => {
  it("stores no seeded secret in plain text in any table", async () => {
    await seedDemoUsers();
    await seedDemoMerchants();
    await storeDemoWebhookKeys();
    const secrets = [
      DEMO_INTEGRATOR_KEY,
      ...DEMO_MERCHANTS.flatMap((merchant) => [merchant.usaepay.key, merchant.clientpay.key, merchant.webhookSignatureKey]),
    ];
    const tables = await tableNames();
    expect(tables).toEqual(expect.arrayContaining(["MerchantCredential", "InstallationSecret", "AuditEvent"]));

    let scanned = 0;
    for (const table of tables) {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
      const text = JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
      scanned += rows.length;
      for (const secret of secrets) expect(text, `${table} holds a secret in plain text`).not.toContain(secret);
    }
    expect(scanned).toBeGreaterThan(0);
    expect(await db.merchantCredential.count()).toBeGreaterThanOrEqual(4);
  });
});
