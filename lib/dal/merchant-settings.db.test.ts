import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createClientpayEmulator } from "@/sandbox/clientpay";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { replaceCurrentCredentials, storeIntegratorKey } from "./internal/credentials";
import { getIntegratorKeyHint, restorePreviousIntegratorKey, setIntegratorKey } from "./merchant-credentials";
import { updateMerchantSettings, type MerchantSettings } from "./merchants";
import { makeMerchant, makeViewer, META } from "./test-fixtures";

const usaepay = createUsaepayEmulator({ ratePerMinute: 100_000, ratePerDay: 1_000_000 });
const clientpay = createClientpayEmulator();
const OPERATING = { key: "PDdemoOperating00000000000000001", pin: "1111" };

/** Counts every call, and answers like the emulator (routing by path, whatever the host). */
function countingFetch(app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }) {
  const counter = { calls: 0, hosts: [] as string[] };
  const fetch = async (url: string, init?: RequestInit) => {
    counter.calls += 1;
    counter.hosts.push(new URL(url).host);
    return app.request(url, init);
  };
  return { counter, deps: { fetch } };
}

const settingsOf = (merchant: Awaited<ReturnType<typeof makeMerchant>>, change: Partial<MerchantSettings>): MerchantSettings => ({
  name: merchant.name,
  environment: merchant.environment,
  usaepayBaseUrl: merchant.usaepayBaseUrl,
  usaepayEndpointKey: merchant.usaepayEndpointKey,
  clientpayBaseUrl: merchant.clientpayBaseUrl,
  businessTimeZone: null,
  batchCloseTime: null,
  ...change,
});

describe("merchant URL overrides and environment changes", () => {
  it("refuses a URL override to a host off the allow-list, and sends nothing there", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await replaceCurrentCredentials(merchant.id, "usaepay", OPERATING, { actor: null });
    const { counter, deps } = countingFetch(usaepay.app);
    for (const url of ["https://evil.example/api/v2/", "http://127.0.0.1:9/api/v2/", "http://attacker.example/api/v2/"]) {
      await expect(updateMerchantSettings(admin, merchant.id, settingsOf(merchant, { usaepayBaseUrl: url }), META, deps)).rejects.toThrow(/Nothing was saved/);
    }
    expect(counter.calls).toBe(0);
    expect((await db.merchantAccount.findUniqueOrThrow({ where: { id: merchant.id } })).usaepayBaseUrl).toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: merchant.id, action: "merchant.update", outcome: "failure" } })).toBe(3);
  });

  it("needs a fresh re-authentication to change the environment", async () => {
    const admin = await makeViewer("ADMIN", { stale: true });
    const merchant = await makeMerchant();
    await expect(updateMerchantSettings(admin, merchant.id, settingsOf(merchant, { environment: "sandbox" }), META)).rejects.toMatchObject({ code: "step_up_required" });
    expect((await db.merchantAccount.findUniqueOrThrow({ where: { id: merchant.id } })).environment).toBe("emulator");
    // A rename needs none.
    await updateMerchantSettings(admin, merchant.id, settingsOf(merchant, { name: `${merchant.name} renamed` }), META);
  });

  it("re-checks the stored keys against the new host first: a refusal changes nothing", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await replaceCurrentCredentials(merchant.id, "usaepay", OPERATING, { actor: null });
    const refusing = { fetch: async () => new Response(JSON.stringify({ error: "Invalid API key" }), { status: 401, headers: { "content-type": "application/json" } }) };
    await expect(updateMerchantSettings(admin, merchant.id, settingsOf(merchant, { environment: "sandbox" }), META, refusing)).rejects.toThrow(/could not be checked against the new host/);
    expect((await db.merchantAccount.findUniqueOrThrow({ where: { id: merchant.id } })).environment).toBe("emulator");
  });

  it("switching hosts checks the keys there, then clears the old host's mirror", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await replaceCurrentCredentials(merchant.id, "usaepay", OPERATING, { actor: null });
    await db.syncState.create({ data: { merchantAccountId: merchant.id, resource: "customers", status: "idle" } });
    await db.mirrorCustomer.create({ data: { merchantAccountId: merchant.id, key: "emulator-customer", displayName: "Emulated", displayNameLower: "emulated", search: "emulated" } });
    const { counter, deps } = countingFetch(usaepay.app);
    await updateMerchantSettings(admin, merchant.id, settingsOf(merchant, { environment: "production" }), META, deps);
    expect(counter.hosts).toEqual(["usaepay.com"]);
    expect(await db.mirrorCustomer.count({ where: { merchantAccountId: merchant.id } })).toBe(0);
    expect(await db.syncState.count({ where: { merchantAccountId: merchant.id } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: merchant.id, action: "merchant.update", outcome: "success" }, orderBy: { at: "desc" } });
    expect(event.details).toMatchObject({ reverified: ["usaepay"], mirrorCleared: true, after: { environment: "production" } });
  });
});

describe("the ClientPay integrator key", () => {
  it("is checked with ClientPay before it is stored, keeps the previous one sealed, and restores it", async () => {
    const admin = await makeViewer("ADMIN");
    // First by name, so the check uses this account's ClientPay keys.
    const merchant = await makeMerchant(`000 integrator check ${randomUUID().slice(0, 6)}`);
    await replaceCurrentCredentials(merchant.id, "clientpay", { key: "sandbox-operating", pin: "1111" }, { actor: null });
    await storeIntegratorKey("paydesk-sandbox-integrator", { actor: null });
    const { counter, deps } = countingFetch(clientpay.app);

    await expect(setIntegratorKey(admin, "not-the-integrator-key", META, deps)).rejects.toThrow(/did not accept this integrator key|Nothing was changed/);
    expect((await getIntegratorKeyHint(admin))!.hint).toBe("••••ator");
    expect(counter.calls).toBe(1);

    await setIntegratorKey(admin, "paydesk-sandbox-integrator", META, deps);
    const hints = (await getIntegratorKeyHint(admin))!;
    expect(hints.previous?.hint).toBe("••••ator");
    await restorePreviousIntegratorKey(admin, META);
    expect(await db.auditEvent.count({ where: { action: "installation.integrator_key.restore_previous", actorId: admin.id } })).toBe(1);
    const stored = await db.installationSecret.findMany();
    expect(stored.every((row) => !row.valueSealed.includes("paydesk-sandbox-integrator"))).toBe(true);
  });

  it("needs a fresh re-authentication", async () => {
    const admin = await makeViewer("ADMIN", { stale: true });
    await expect(setIntegratorKey(admin, "paydesk-sandbox-integrator", META)).rejects.toMatchObject({ code: "step_up_required" });
  });
});
