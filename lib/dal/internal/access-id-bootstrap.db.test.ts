import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createClientpayEmulator } from "@/sandbox/clientpay";
import { makeMerchant } from "../test-fixtures";
import { ensureAccessId } from "./access-id-bootstrap";
import { openStoredAccessId } from "./access-id-store";
import { replaceCurrentCredentials, storeIntegratorKey } from "./credentials";

beforeAll(async () => {
  await storeIntegratorKey("paydesk-sandbox-integrator", { actor: null });
});

describe("ensureAccessId (the demo's start)", () => {
  it("issues one through the journal when none is active, keeps a valid one, and recovers one issued elsewhere", async () => {
    const emulator = createClientpayEmulator();
    const deps = { fetch: (url: string, init?: RequestInit) => emulator.app.request(url, init) };
    const merchant = await makeMerchant();
    await replaceCurrentCredentials(merchant.id, "clientpay", { key: "sandbox-trust", pin: "2222" }, { actor: null });
    const current = async () =>
      ((await (await emulator.app.request("/__sandbox/clientpay/credentials")).json()) as { accounts: Array<{ name: string; currentAccessId: string | null }> }).accounts.find((account) => account.name === "trust")!.currentAccessId;

    expect(await ensureAccessId(merchant.id, "demo_start", deps)).toBe("issued");
    expect(await openStoredAccessId(merchant.id)).toBe(await current());
    expect(await db.accessIdRotation.findFirstOrThrow({ where: { merchantAccountId: merchant.id } })).toMatchObject({ status: "closed", outcome: "completed", inFlightKey: null, startedByEmail: "system (demo_start)" });

    expect(await ensureAccessId(merchant.id, "demo_start", deps)).toBe("valid");
    const issuedElsewhere = await emulator.app.request("/v2/token/accessid", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ integratorKey: "paydesk-sandbox-integrator", accountKey: "sandbox-trust", accountPin: "2222" }),
    });
    const theirs = ((await issuedElsewhere.json()) as { accessId: string }).accessId;
    expect(await ensureAccessId(merchant.id, "demo_start", deps)).toBe("recovered");
    expect(await openStoredAccessId(merchant.id)).toBe(theirs);
    const audit = await db.auditEvent.findMany({ where: { targetId: merchant.id, action: { startsWith: "access_id." } }, orderBy: { at: "asc" } });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ["access_id.rotate", null],
      ["access_id.recover", null],
    ]);
    expect(JSON.stringify(audit)).not.toContain(theirs);
  });
});
