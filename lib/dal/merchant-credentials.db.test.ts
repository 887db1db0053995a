import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createClientpayEmulator } from "@/sandbox/clientpay";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { clientpayClientFor, usaepayClientFor } from "@/lib/gateways/clients";
import { storeIntegratorKey } from "./internal/credentials";
import {
  discardPreviousCredentials,
  getCredentialHints,
  restorePreviousCredentials,
  setMerchantCredentials,
} from "./merchant-credentials";
import { makeMerchant, makeViewer, META } from "./test-fixtures";

const usaepay = createUsaepayEmulator({ ratePerMinute: 100_000, ratePerDay: 1_000_000 });
const clientpay = createClientpayEmulator();
const deps = { fetch: (url: string, init?: RequestInit) => usaepay.app.request(url, init) };
const clientpayDeps = { fetch: (url: string, init?: RequestInit) => clientpay.app.request(url, init) };

const OPERATING = { key: "PDdemoOperating00000000000000001", pin: "1111" };
const SECOND_KEY = { key: "PDrotatedOperatingKey00000000009", pin: "9090" };

beforeAll(async () => {
  // A second key for the same emulated merchant, as a real rotation would have.
  const response = await usaepay.app.request("/__sandbox/usaepay/keys", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: SECOND_KEY.key, pin: SECOND_KEY.pin, merchant: OPERATING.key }),
  });
  expect(response.status).toBe(201);
  await storeIntegratorKey("paydesk-sandbox-integrator", { actor: null });
});


describe("merchant credentials", () => {
  it("stores a pair only after the gateway accepts it, sealed, with masked hints", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await setMerchantCredentials(admin, merchant.id, "usaepay", OPERATING, META, deps);

    const hints = await getCredentialHints(admin, merchant.id);
    expect(hints.usaepay.current).toMatchObject({ keyHint: "••••0001", pinHint: "••••" });
    expect(hints.usaepay.previous).toBeNull();

    const row = await db.merchantCredential.findFirstOrThrow({ where: { merchantAccountId: merchant.id } });
    expect(row.keySealed).not.toContain(OPERATING.key);
    expect(row.keySealed.startsWith("v1.")).toBe(true);

    // The stored pair really works: the factory opens it and the emulator accepts it.
    const client = await usaepayClientFor(merchant, deps);
    const page = await client.listCustomers({ limit: 2 });
    expect(page.items.length).toBe(2);
  });

  it("refuses a wrong PIN with a clear message and changes nothing", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await setMerchantCredentials(admin, merchant.id, "usaepay", OPERATING, META, deps);
    const before = await db.merchantCredential.findMany({ where: { merchantAccountId: merchant.id }, orderBy: { id: "asc" } });

    const attempt = setMerchantCredentials(admin, merchant.id, "usaepay", { key: SECOND_KEY.key, pin: "0000" }, META, deps);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toThrow("USAePay did not accept this key and PIN. Nothing was changed.");

    const after = await db.merchantCredential.findMany({ where: { merchantAccountId: merchant.id }, orderBy: { id: "asc" } });
    expect(after).toEqual(before);
    const failure = await db.auditEvent.findFirstOrThrow({ where: { targetId: merchant.id, outcome: "failure" } });
    expect(JSON.stringify(failure.details)).not.toContain(SECOND_KEY.key);
  });

  it("names an unreachable host", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    const unreachable = async () => {
      throw new TypeError("fetch failed");
    };
    await expect(setMerchantCredentials(admin, merchant.id, "usaepay", OPERATING, META, { fetch: unreachable, timeoutMs: 2000 })).rejects.toThrow(
      /Could not reach USAePay at 127\.0\.0\.1:4010/,
    );
    expect(await db.merchantCredential.count({ where: { merchantAccountId: merchant.id } })).toBe(0);
  });

  it("sends nothing to a host off the allow-list, even one already stored in the database", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    // As an override saved before the allow-list existed would be.
    await db.merchantAccount.update({ where: { id: merchant.id }, data: { usaepayBaseUrl: "http://127.0.0.1:9/api/v2/" } });
    let calls = 0;
    const counting = async () => {
      calls += 1;
      return new Response("{}");
    };
    await expect(setMerchantCredentials(admin, merchant.id, "usaepay", OPERATING, META, { fetch: counting })).rejects.toThrow(/not an allowed|must use https/);
    expect(calls).toBe(0);
    expect(await db.merchantCredential.count({ where: { merchantAccountId: merchant.id } })).toBe(0);
  });

  it("needs a fresh re-authentication (step-up) to rotate a key", async () => {
    const admin = await makeViewer("ADMIN", { stale: true });
    const merchant = await makeMerchant();
    await expect(setMerchantCredentials(admin, merchant.id, "usaepay", OPERATING, META, deps)).rejects.toMatchObject({ code: "step_up_required" });
    expect(await db.merchantCredential.count({ where: { merchantAccountId: merchant.id } })).toBe(0);
  });

  it("rotates, restores the previous pair, and discards it, auditing masked before/after", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await setMerchantCredentials(admin, merchant.id, "usaepay", OPERATING, META, deps);
    await setMerchantCredentials(admin, merchant.id, "usaepay", SECOND_KEY, META, deps);

    let hints = await getCredentialHints(admin, merchant.id);
    expect(hints.usaepay.current?.keyHint).toBe("••••0009");
    expect(hints.usaepay.previous?.keyHint).toBe("••••0001");

    const rotation = await db.auditEvent.findFirstOrThrow({ where: { targetId: merchant.id, action: "merchant.credentials.rotate" } });
    expect(rotation.details).toMatchObject({ gateway: "usaepay", before: { keyHint: "••••0001" }, after: { keyHint: "••••0009" } });
    expect(rotation.ip).toBe(META.ip);

    await restorePreviousCredentials(admin, merchant.id, "usaepay", META);
    hints = await getCredentialHints(admin, merchant.id);
    expect(hints.usaepay.current?.keyHint).toBe("••••0001");
    expect(hints.usaepay.previous?.keyHint).toBe("••••0009");
    // The restored row still opens: its ciphertext is bound to its id, not to its slot.
    await expect((await usaepayClientFor(merchant, deps)).listCustomers({ limit: 1 })).resolves.toBeTruthy();

    await discardPreviousCredentials(admin, merchant.id, "usaepay", META);
    hints = await getCredentialHints(admin, merchant.id);
    expect(hints.usaepay.previous).toBeNull();
    await expect(discardPreviousCredentials(admin, merchant.id, "usaepay", META)).rejects.toThrow(/no previous key/);

    const actions = (await db.auditEvent.findMany({ where: { targetId: merchant.id }, orderBy: { at: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["merchant.credentials.set", "merchant.credentials.rotate", "merchant.credentials.restore_previous", "merchant.credentials.discard_previous"]);
  });

  it("checks ClientPay pairs with Validate Credentials", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await expect(setMerchantCredentials(admin, merchant.id, "clientpay", { key: "sandbox-trust", pin: "9999" }, META, clientpayDeps)).rejects.toThrow(/did not accept/);
    await setMerchantCredentials(admin, merchant.id, "clientpay", { key: "sandbox-trust", pin: "2222" }, META, clientpayDeps);
    const client = await clientpayClientFor(merchant, clientpayDeps);
    expect(await client.validateCredentials()).toBe(true);
  });

  it("refuses every key operation to managers and viewers in the data layer", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    await setMerchantCredentials(admin, merchant.id, "usaepay", OPERATING, META, deps);
    for (const role of ["MANAGER", "VIEWER"] as const) {
      const viewer = await makeViewer(role);
      await expect(setMerchantCredentials(viewer, merchant.id, "usaepay", SECOND_KEY, META, deps)).rejects.toThrow(/not allowed/);
      await expect(restorePreviousCredentials(viewer, merchant.id, "usaepay", META)).rejects.toThrow(/not allowed/);
      await expect(discardPreviousCredentials(viewer, merchant.id, "usaepay", META)).rejects.toThrow(/not allowed/);
      await expect(getCredentialHints(viewer, merchant.id)).rejects.toThrow(/not allowed/);
    }
    expect(await db.merchantCredential.count({ where: { merchantAccountId: merchant.id } })).toBe(1);
  });
});
