import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createClientpayEmulator } from "@/sandbox/clientpay";
import { listAccessIdHistory } from "./access-id-history";
import { expireAccessId, getAccessIdOverview, recoverAccessId, rotateAccessId, testRequestId, validateAccessId } from "./access-ids";
import { ACCESS_ID_TABLE, openStoredAccessId } from "./internal/access-id-store";
import { recoverInterruptedAccessIdRotations, settleBackgroundRecoveries } from "./internal/access-id-recovery";
import { replaceCurrentCredentials, storeIntegratorKey } from "./internal/credentials";
import { makeMerchant, makeViewer, META } from "./test-fixtures";

const OPERATING = { key: "sandbox-operating", pin: "1111" };

beforeAll(async () => {
  await storeIntegratorKey("paydesk-sandbox-integrator", { actor: null });
});

/** A fresh emulator and account per test, so ClientPay's "one current id per account" never leaks between tests. */
async function setup() {
  const emulator = createClientpayEmulator();
  const deps = { fetch: (url: string, init?: RequestInit) => emulator.app.request(url, init) };
  const admin = await makeViewer("ADMIN");
  const merchant = await makeMerchant();
  await replaceCurrentCredentials(merchant.id, "clientpay", OPERATING, { actor: null });
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await emulator.app.request(`/__sandbox/clientpay/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  };
  const current = async (): Promise<string | null> =>
    (await control("GET", "credentials")).accounts.find((account: { name: string }) => account.name === "operating").currentAccessId;
  const isValidUpstream = async (accessId: string) => {
    const response = await emulator.app.request("/v2/token/accessid/validate", { method: "POST", headers: { accessId, "content-type": "application/json" }, body: "{}" });
    return (await response.json()).isValid as boolean;
  };
  const row = () => db.clientpayAccessId.findUnique({ where: { merchantAccountId: merchant.id } });
  return { emulator, deps, admin, merchant, control, current, isValidUpstream, row };
}

async function grant(viewer: Viewer, merchantId: string) {
  await db.merchantGrant.create({ data: { userId: viewer.id, merchantAccountId: merchantId } });
}

const last4 = (value: string | null) => `••••${value?.slice(-4)}`;

describe("rotation", () => {
  it("issues a sealed id, then rotates: the previous id is rejected upstream, the new one validates", async () => {
    const t = await setup();
    expect((await getAccessIdOverview(t.admin, t.merchant.slug, t.deps)).state).toBe("unknown");

    const first = await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    expect(first.status).toBe("success");
    const firstId = await openStoredAccessId(t.merchant.id);
    expect(firstId).toBe(await t.current());
    const stored = await t.row();
    expect(stored?.valueSealed).not.toContain(firstId);
    expect(stored).toMatchObject({ valueHint: last4(firstId), state: "valid", issuedByEmail: t.admin.email });

    const second = await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    expect(second.message).toContain(`the previous one (${last4(firstId)}) no longer works`);
    const secondId = await openStoredAccessId(t.merchant.id);
    expect(secondId).not.toBe(firstId);
    expect(await t.isValidUpstream(firstId!)).toBe(false);
    expect(await t.isValidUpstream(secondId!)).toBe(true);
    expect((await validateAccessId(t.admin, t.merchant.slug, META, t.deps)).status).toBe("success");

    const journals = await db.accessIdRotation.findMany({ where: { merchantAccountId: t.merchant.id } });
    expect(journals.map((journal) => [journal.status, journal.outcome, journal.inFlightKey])).toEqual([
      ["closed", "completed", null],
      ["closed", "completed", null],
    ]);
    const audit = await db.auditEvent.findMany({ where: { targetId: t.merchant.id, action: "access_id.rotate" }, orderBy: { at: "asc" } });
    expect(audit.map((event) => event.details)).toMatchObject([{ before: null, after: last4(firstId) }, { before: last4(firstId), after: last4(secondId) }]);
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { targetId: t.merchant.id } }))).not.toContain(secondId);
  });

  it("keeps the journal open when the database write fails after New Access ID, and the next page load recovers it", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    const before = await t.row();

    const failing = rotateAccessId(t.admin, t.merchant.slug, META, {
      ...t.deps,
      beforeCommit: () => {
        throw new Error("disk full");
      },
    });
    await expect(failing).rejects.toThrow(/ClientPay issued a new access ID, but saving it failed/);
    // Rolled back: the old id is still stored, though ClientPay has already replaced it.
    expect((await t.row())?.valueSealed).toBe(before?.valueSealed);
    const issued = await t.current();
    expect(issued).not.toBe(await openStoredAccessId(t.merchant.id));
    expect(await db.accessIdRotation.count({ where: { merchantAccountId: t.merchant.id, status: "open", inFlightKey: t.merchant.id } })).toBe(1);

    // The page answers at once, from the database, saying it is checking; ClientPay is asked after.
    const checking = await getAccessIdOverview(t.admin, t.merchant.slug, t.deps);
    expect(checking.recovery).toEqual({ state: "checking", failed: [] });
    expect(checking.hint).toBe(before?.valueHint);
    await settleBackgroundRecoveries();
    const overview = await getAccessIdOverview(t.admin, t.merchant.slug, t.deps);
    expect(overview.recovery).toEqual({ state: "idle", failed: [] });
    expect(overview.recentRecovery).toMatchObject({ settledAs: "new_id", hint: last4(issued), startedByEmail: t.admin.email });
    expect(overview.hint).toBe(last4(issued));
    expect(overview.rotationInProgress).toBeNull();
    expect(overview.lastRotation?.outcome).toBe("recovered");
    expect(await openStoredAccessId(t.merchant.id)).toBe(issued);
    expect(await t.isValidUpstream(issued!)).toBe(true);

    const history = await listAccessIdHistory(t.admin, t.merchant.slug, { page: 1, pageSize: 25 });
    expect(history.items[0]).toMatchObject({ action: "access_id.rotation_recovered", actorEmail: null, label: "Interrupted rotation recovered" });
    expect(history.items.map((item) => [item.action, item.outcome])).toContainEqual(["access_id.rotate", "failure"]);
    // A second load finds nothing left to recover.
    expect((await getAccessIdOverview(t.admin, t.merchant.slug, t.deps)).recovery.state).toBe("idle");
  });

  it("refuses a second rotation of the same account while one is in flight", async () => {
    const t = await setup();
    let reached!: () => void;
    const atClientpay = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const gated = {
      fetch: async (url: string, init?: RequestInit) => {
        if (/\/token\/accessid$/.test(url)) {
          reached();
          await released;
        }
        return t.emulator.app.request(url, init);
      },
    };

    const first = rotateAccessId(t.admin, t.merchant.slug, META, gated);
    await atClientpay;
    const second = rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    await expect(second).rejects.toMatchObject({ code: "rotation_in_flight" });
    // Expire and Recover would race the rotation too.
    await expect(expireAccessId(t.admin, t.merchant.slug, META, t.deps)).rejects.toMatchObject({ code: "rotation_in_flight" });
    await expect(recoverAccessId(t.admin, t.merchant.slug, META, t.deps)).rejects.toMatchObject({ code: "rotation_in_flight" });
    // The page shows it as running and does not "recover" a rotation this process is still making.
    const during = await getAccessIdOverview(t.admin, t.merchant.slug, t.deps);
    expect(during.rotationInProgress?.startedByEmail).toBe(t.admin.email);
    expect(during.recovery.state).toBe("idle");

    release();
    expect((await first).status).toBe("success");
    const counters = await t.control("GET", "counters");
    expect(counters.byPath["POST /v2/token/accessid"]).toBe(1);
    expect(await openStoredAccessId(t.merchant.id)).toBe(await t.current());
    const refused = await db.auditEvent.findFirstOrThrow({ where: { targetId: t.merchant.id, action: "access_id.rotate", outcome: "failure" } });
    expect(refused.details).toMatchObject({ reason: "rotation_in_flight" });
    // Once closed, the account can be rotated again.
    expect((await rotateAccessId(t.admin, t.merchant.slug, META, t.deps)).status).toBe("success");
  });

  it("recovers at start-up a rotation that a previous run left open after ClientPay issued the id", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    // What a crash leaves: an open journal from before this process, and ClientPay holding a newer id.
    await db.accessIdRotation.create({
      data: { merchantAccountId: t.merchant.id, inFlightKey: t.merchant.id, startedByEmail: t.admin.email, startedAt: new Date(Date.now() - 5 * 60_000) },
    });
    const response = await t.emulator.app.request("/v2/token/accessid", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ integratorKey: "paydesk-sandbox-integrator", accountKey: OPERATING.key, accountPin: OPERATING.pin }),
    });
    const issued = (await response.json()).accessId as string;

    const outcome = await recoverInterruptedAccessIdRotations(t.deps);
    expect(outcome.recovered.filter((report) => report.hint === last4(issued))).toHaveLength(1);
    expect(await openStoredAccessId(t.merchant.id)).toBe(issued);
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: t.merchant.id, action: "access_id.rotation_recovered" } });
    expect(event.actorId).toBeNull();
    expect(event.details).toMatchObject({ trigger: "startup", result: "new_id", after: last4(issued) });
  });

  it("a 503 on New Access ID changes nothing, closes the journal as failed, and says why", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    const before = await t.row();
    await t.control("POST", "faults", { kind: "503", path: "/v2/token/accessid", count: 1 });
    await expect(rotateAccessId(t.admin, t.merchant.slug, META, t.deps)).rejects.toThrow(
      "ClientPay is unavailable right now: server error (HTTP 503). Try again shortly. Nothing was changed.",
    );
    expect(await t.row()).toEqual(before);
    const journal = await db.accessIdRotation.findFirstOrThrow({ where: { merchantAccountId: t.merchant.id }, orderBy: { startedAt: "desc" } });
    expect(journal).toMatchObject({ status: "closed", outcome: "failed: unavailable_503", inFlightKey: null });
  });

  it("a lost New Access ID answer (malformed body) is settled at once through Current Access ID", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    // The hold lets ClientPay process the call; swapping the answer for garbage models a lost answer.
    const garbled = {
      fetch: async (url: string, init?: RequestInit) => {
        const response = await t.emulator.app.request(url, init);
        return /\/token\/accessid$/.test(url) ? new Response("{not json", { status: 200, headers: { "content-type": "application/json" } }) : response;
      },
    };
    const result = await rotateAccessId(t.admin, t.merchant.slug, META, garbled);
    expect(result.message).toMatch(/could not understand.*ClientPay had issued a new access ID anyway/);
    expect(await openStoredAccessId(t.merchant.id)).toBe(await t.current());
  });
});

describe("checks and changes", () => {
  it("reports an id replaced elsewhere as replaced, and Recover stores ClientPay's current one", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    const ours = await openStoredAccessId(t.merchant.id);
    await t.emulator.app.request("/v2/token/accessid", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ integratorKey: "paydesk-sandbox-integrator", accountKey: OPERATING.key, accountPin: OPERATING.pin }),
    });
    const validated = await validateAccessId(t.admin, t.merchant.slug, META, t.deps);
    expect(validated).toMatchObject({ status: "error", message: expect.stringContaining("it was replaced by a newer one") });
    expect((await t.row())?.state).toBe("replaced");
    const tested = await testRequestId(t.admin, t.merchant.slug, META, t.deps);
    expect(tested.message).toContain("replaced");

    const recovered = await recoverAccessId(t.admin, t.merchant.slug, META, t.deps);
    expect(recovered.message).toContain(`in place of ${last4(ours)}`);
    expect(await openStoredAccessId(t.merchant.id)).toBe(await t.current());
    expect(await t.row()).toMatchObject({ state: "valid", issuedAt: null, checkedByEmail: t.admin.email });
    expect((await testRequestId(t.admin, t.merchant.slug, META, t.deps)).status).toBe("success");
  });

  it("expires: the value is dropped, calls are refused until an id is issued, and a rotation issues one", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    const id = await openStoredAccessId(t.merchant.id);
    expect((await expireAccessId(t.admin, t.merchant.slug, META, t.deps)).message).toContain("will fail until an admin issues a new one");
    expect(await t.isValidUpstream(id!)).toBe(false);
    const overview = await getAccessIdOverview(t.admin, t.merchant.slug, t.deps);
    expect(overview).toMatchObject({ usable: false, state: "expired", hint: last4(id) });
    await expect(validateAccessId(t.admin, t.merchant.slug, META, t.deps)).rejects.toMatchObject({ code: "no_access_id" });

    const rotated = await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    expect(rotated.message).toMatch(/^Issued a new access ID/);
    expect((await validateAccessId(t.admin, t.merchant.slug, META, t.deps)).status).toBe("success");
  });

  it("upstream failures (500, malformed, timeout, 401) show a clear message and leave the stored state unchanged", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    const before = await t.row();

    await t.control("POST", "faults", { kind: "500", path: "/v2/token/accessid/validate" });
    await expect(validateAccessId(t.admin, t.merchant.slug, META, t.deps)).rejects.toThrow(/server error \(HTTP 500\).*Nothing was changed/);
    await t.control("DELETE", "faults");
    await t.control("POST", "faults", { kind: "malformed", path: "/v2/token/requestid" });
    await expect(testRequestId(t.admin, t.merchant.slug, META, t.deps)).rejects.toThrow(/could not understand \(malformed response\)/);
    await t.control("DELETE", "faults");
    await t.control("POST", "faults", { kind: "timeout", path: "/v2/token/accessid/expire", holdMs: 2_000 });
    await expect(expireAccessId(t.admin, t.merchant.slug, META, { ...t.deps, timeoutMs: 100 })).rejects.toThrow(/did not answer in time/);
    await t.control("DELETE", "faults");
    expect(await t.row()).toEqual(before);

    await replaceCurrentCredentials(t.merchant.id, "clientpay", { key: OPERATING.key, pin: "0000" }, { actor: null });
    await expect(recoverAccessId(t.admin, t.merchant.slug, META, t.deps)).rejects.toThrow(/refused this account's integrator key, account key or PIN \(HTTP 401\)/);
    expect(await t.row()).toEqual(before);
    const failures = await db.auditEvent.findMany({ where: { targetId: t.merchant.id, outcome: "failure" } });
    expect(failures.map((event) => (event.details as { reason: string }).reason).sort()).toEqual(["bad_shape_200", "credentials_rejected", "network", "unavailable_500"]);
  });

  it("enforces each permission in the data layer, and hides ungranted accounts", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    const manager = await makeViewer("MANAGER");
    const viewer = await makeViewer("VIEWER");

    // Not granted yet: the account does not exist for them.
    await expect(validateAccessId(manager, t.merchant.slug, META, t.deps)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(getAccessIdOverview(viewer, t.merchant.slug, t.deps)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);

    await grant(manager, t.merchant.id);
    await grant(viewer, t.merchant.id);
    expect((await validateAccessId(manager, t.merchant.slug, META, t.deps)).status).toBe("success");
    expect((await testRequestId(manager, t.merchant.slug, META, t.deps)).status).toBe("success");
    for (const change of [rotateAccessId, expireAccessId, recoverAccessId]) {
      await expect(change(manager, t.merchant.slug, META, t.deps)).rejects.toBeInstanceOf(AppError);
    }
    for (const call of [validateAccessId, testRequestId, rotateAccessId, expireAccessId, recoverAccessId]) {
      await expect(call(viewer, t.merchant.slug, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await getAccessIdOverview(viewer, t.merchant.slug, t.deps)).state).toBe("valid");
    const history = await listAccessIdHistory(viewer, t.merchant.slug, { page: 1, pageSize: 10 });
    expect(history.items.map((item) => item.actorEmail)).toContain(manager.email);
    expect(history.items.find((item) => item.actorEmail === manager.email)?.ip).toBe(META.ip);
    // Only the one rotation and the manager's two checks went upstream.
    expect((await t.control("GET", "counters")).byPath["POST /v2/token/accessid"]).toBe(1);
  });

  it("pages the history and never carries the id itself", async () => {
    const t = await setup();
    await rotateAccessId(t.admin, t.merchant.slug, META, t.deps);
    for (let i = 0; i < 4; i++) await validateAccessId(t.admin, t.merchant.slug, META, t.deps);
    const id = await openStoredAccessId(t.merchant.id);
    const page2 = await listAccessIdHistory(t.admin, t.merchant.slug, { page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(2);
    const overview = await getAccessIdOverview(t.admin, t.merchant.slug, t.deps);
    expect(JSON.stringify([overview, page2])).not.toContain(id);
    expect(ACCESS_ID_TABLE).toBe("ClientpayAccessId");
  });
});
