import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { losingAnswer, moneySetup, reason, transactionPage, type MoneySetup, withoutRefundLinks } from "./test-money";
import { META } from "./test-fixtures";
import { adjustTransaction, captureTransaction, checkMoneyOutcome, refundTransaction, voidTransaction } from "./transaction-money";

/**
 * The rules of moving money on a USAePay transaction, against the in-process emulator and a real
 * database: what may still be refunded, void only before settlement, capture only of an
 * authorization, adjust only by admins, and the one-time token (one upstream call per form).
 */
async function page(t: MoneySetup, key: string, who = t.manager) {
  return transactionPage(who, t.merchant.slug, key, t.deps);
}

async function mirrored(t: MoneySetup, key: string) {
  return db.mirrorTransaction.findUniqueOrThrow({ where: { merchantAccountId_key: { merchantAccountId: t.merchant.id, key } } });
}

describe("refunds", { timeout: 30_000 }, () => {
  it("a partial refund leaves the rest refundable; more than the rest is refused before any call", async () => {
    const t = await moneySetup();
    const sale = await t.sale(5000);
    const before = await page(t, sale.key);
    expect(before.state).toBe("fresh");
    expect(before.money.offeredBy).toBe("gateway");
    expect(before.money.position).toMatchObject({ originalCents: 5000, refundedCents: 0, remainingCents: 5000, source: "gateway" });

    const posts = await t.posts();
    const first = await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: before.money.forms.refund!.token, amount: 2000, ...reason }, META, t.deps);
    expect(first).toMatchObject({ status: "success", message: expect.stringMatching(/^Refunded \$20\.00 \(reference \d+\)\.$/) });
    expect(await t.posts()).toBe(posts + 1);

    // The refund row is in the table at once, linked to its sale, negative by kind.
    const refundRow = await db.mirrorTransaction.findFirstOrThrow({ where: { merchantAccountId: t.merchant.id, refundOfKey: sale.key } });
    expect(refundRow).toMatchObject({ kind: "refund", amountCents: 2000, typeCode: "C", cardMasked: expect.stringMatching(/2224$/) });

    const after = await page(t, sale.key);
    expect(after.money.position).toMatchObject({ originalCents: 5000, refundedCents: 2000, remainingCents: 3000 });
    expect(after.money.position?.refunds.map((refund) => refund.key)).toEqual([refundRow.key]);

    const tooMuch = await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: after.money.forms.refund!.token, amount: 3001, ...reason }, META, t.deps);
    expect(tooMuch).toEqual({ status: "error", message: "That is more than the $30.00 still refundable. Nothing was sent." });
    expect(await t.posts()).toBe(posts + 1);

    const rest = await page(t, sale.key);
    expect((await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: rest.money.forms.refund!.token, amount: 3000, ...reason }, META, t.deps)).status).toBe("success");
    const done = await page(t, sale.key);
    expect(done.money.position).toMatchObject({ refundedCents: 5000, remainingCents: 0 });
    expect(done.money.forms.refund).toBeUndefined();

    const audit = await db.auditEvent.findMany({ where: { targetId: sale.key, action: "money.usaepay.refund" }, orderBy: { at: "asc" } });
    expect(audit.map((event) => event.outcome)).toEqual(["success", "failure", "success"]);
    expect(audit[0]).toMatchObject({ actorId: t.manager.id, ip: META.ip });
    expect(audit[0]!.details).toMatchObject({
      merchantId: t.merchant.id, command: "refund", amountCents: 2000, reasonCode: "customer_request", reasonText: "Returned the item",
      resultCode: "A", resultRef: expect.stringMatching(/^\d+$/), statusBefore: expect.any(String), statusAfter: expect.any(String), card: "Visa ••••2224",
    });
  });

  it("when the gateway names no refunds, what was refunded comes from Paydesk's own copy, and says so", async () => {
    const t = await moneySetup({ wrapFetch: withoutRefundLinks });
    const sale = await t.sale(4000);
    const before = await page(t, sale.key);
    expect(before.money.position).toMatchObject({ source: "paydesk", remainingCents: 4000 });
    await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: before.money.forms.refund!.token, amount: 1500, ...reason }, META, t.deps);
    const after = await page(t, sale.key);
    expect(after.money.position).toMatchObject({ source: "paydesk", refundedCents: 1500, remainingCents: 2500 });
    // A live read of the refund itself (no link in it) keeps the link Paydesk made.
    const refund = await db.mirrorTransaction.findFirstOrThrow({ where: { merchantAccountId: t.merchant.id, refundOfKey: sale.key } });
    await page(t, refund.key);
    expect(await mirrored(t, refund.key)).toMatchObject({ refundOfKey: sale.key, kind: "refund" });
  });

  it("above the account's limit a refund waits for a second person; it runs once another manager approves", async () => {
    const { approveRefundRequest, rejectRefundRequest } = await import("./transaction-money");
    const t = await moneySetup();
    await db.merchantAccount.update({ where: { id: t.merchant.id }, data: { refundApprovalAboveCents: 1000 } });
    const sale = await t.sale(3000);
    const posts = await t.posts();
    const form = (await page(t, sale.key)).money.forms.refund!;
    const asked = await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: form.token, amount: 2500, ...reason }, META, t.deps);
    expect(asked.message).toMatch(/^Refunds above \$10\.00 need a second person's approval/);
    // The same form again finds the same request.
    await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: form.token, amount: 2500, ...reason }, META, t.deps);
    expect(await db.refundApproval.count({ where: { merchantAccountId: t.merchant.id } })).toBe(1);
    expect(await t.posts()).toBe(posts);

    // The requester cannot decide; another manager can.
    const own = await page(t, sale.key);
    expect(own.money.approvals[0]).toMatchObject({ status: "pending", canDecide: false, approveToken: null });
    const request = own.money.approvals[0]!;
    const selfToken = own.money.forms.refund!.token;
    await expect(approveRefundRequest(t.manager, t.merchant.slug, { request: request.id, token: selfToken }, META, t.deps)).rejects.toMatchObject({ code: "own_request" });
    await expect(rejectRefundRequest(t.manager, t.merchant.slug, { request: request.id }, META)).rejects.toMatchObject({ code: "own_request" });

    const theirs = await page(t, sale.key, t.otherManager);
    expect(theirs.money.approvals[0]).toMatchObject({ canDecide: true });
    const approved = await approveRefundRequest(t.otherManager, t.merchant.slug, { request: request.id, token: theirs.money.approvals[0]!.approveToken! }, META, t.deps);
    expect(approved).toMatchObject({ status: "success", message: expect.stringMatching(/^Approved\. Refunded \$25\.00/) });
    expect(await t.posts()).toBe(posts + 1);
    const stored = await db.refundApproval.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored).toMatchObject({ status: "approved", decidedById: t.otherManager.id, attemptId: expect.any(String) });
    // Decided once: a second approval (or a rejection) is refused.
    await expect(rejectRefundRequest(t.admin, t.merchant.slug, { request: request.id }, META)).rejects.toMatchObject({ code: "already_decided" });
    const actions = (await db.auditEvent.findMany({ where: { targetId: sale.key }, orderBy: { at: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["money.usaepay.refund.approval_requested", "money.usaepay.refund", "money.usaepay.refund.approval_granted"]));
  });
});

describe("void, capture, adjust", { timeout: 30_000 }, () => {
  it("voids only before settlement; the table shows the void at once", async () => {
    const t = await moneySetup();
    const open = await t.sale(1200);
    const form = (await page(t, open.key)).money.forms.void!;
    expect((await voidTransaction(t.manager, t.merchant.slug, { key: open.key, token: form.token, release: false, ...reason }, META, t.deps)).status).toBe("success");
    expect(await mirrored(t, open.key)).toMatchObject({ statusCode: "V", kind: "void" });

    const settled = await t.sale(1300);
    const settledForm = (await page(t, settled.key)).money.forms;
    // Offered while open; the batch closes before the form is sent: refused on the fresh read, nothing sent.
    expect(settledForm.void).toBeDefined();
    await t.closeBatch();
    const posts = await t.posts();
    const refused = await voidTransaction(t.manager, t.merchant.slug, { key: settled.key, token: settledForm.void!.token, release: false, ...reason }, META, t.deps);
    expect(refused).toEqual({ status: "error", message: "Only a transaction that has not settled yet can be voided. Refund it instead. Nothing was sent." });
    expect(await t.posts()).toBe(posts);
    const after = await page(t, settled.key);
    expect(after.transaction.statusCode).toBe("S");
    expect(after.money.forms.void).toBeUndefined();
    expect(after.money.forms.refund).toBeDefined();
  });

  it("void with release sets 'funds released'", async () => {
    const t = await moneySetup();
    const sale = await t.sale(900);
    const form = (await page(t, sale.key)).money.forms.void!;
    const result = await voidTransaction(t.manager, t.merchant.slug, { key: sale.key, token: form.token, release: true, ...reason }, META, t.deps);
    expect(result.message).toMatch(/hold on the customer's card was released/);
    expect(await mirrored(t, sale.key)).toMatchObject({ statusCode: "R", statusLabel: "Voided (Funds Released)", kind: "void" });
  });

  it("captures only an authorization, for its amount or less", async () => {
    const t = await moneySetup();
    const sale = await t.sale(2000);
    const saleForms = (await page(t, sale.key)).money.forms;
    expect(saleForms.capture).toBeUndefined();
    // A capture token for a sale (forged from another target's form) is refused outright.
    const auth = await t.authorize(5000);
    const authPage = await page(t, auth.key);
    expect(authPage.transaction.kind).toBe("auth-only");
    const form = authPage.money.forms.capture!;
    await expect(captureTransaction(t.manager, t.merchant.slug, { key: sale.key, token: form.token, ...reason }, META, t.deps)).rejects.toMatchObject({ code: "token_forged" });

    const posts = await t.posts();
    const over = await captureTransaction(t.manager, t.merchant.slug, { key: auth.key, token: form.token, amount: 5001, ...reason }, META, t.deps);
    expect(over.message).toBe("A capture can be at most the $50.00 authorized. Nothing was sent.");
    expect(await t.posts()).toBe(posts);
    const again = (await page(t, auth.key)).money.forms.capture!;
    const captured = await captureTransaction(t.manager, t.merchant.slug, { key: auth.key, token: again.token, amount: 4500, ...reason }, META, t.deps);
    expect(captured).toEqual({ status: "success", message: "Captured $45.00: it settles with the open batch." });
    expect(await mirrored(t, auth.key)).toMatchObject({ kind: "sale", amountCents: 4500, statusCode: "P", batchKey: expect.any(String) });
    expect((await page(t, auth.key)).money.forms.capture).toBeUndefined();
  });

  it("adjusts are for admins, and never below what was refunded", async () => {
    const t = await moneySetup();
    const sale = await t.sale(6000);
    expect((await page(t, sale.key)).money.forms.adjust).toBeUndefined();
    const adminPage = await page(t, sale.key, t.admin);
    await expect(adjustTransaction(t.manager, t.merchant.slug, { key: sale.key, token: adminPage.money.forms.adjust!.token, amount: 5000, ...reason }, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    const refundForm = adminPage.money.forms.refund!;
    await refundTransaction(t.admin, t.merchant.slug, { key: sale.key, token: refundForm.token, amount: 2500, ...reason }, META, t.deps);
    const next = await page(t, sale.key, t.admin);
    const below = await adjustTransaction(t.admin, t.merchant.slug, { key: sale.key, token: next.money.forms.adjust!.token, amount: 2000, ...reason }, META, t.deps);
    expect(below.message).toBe("The amount cannot go below the $25.00 already refunded. Nothing was sent.");
    const last = await page(t, sale.key, t.admin);
    expect((await adjustTransaction(t.admin, t.merchant.slug, { key: sale.key, token: last.money.forms.adjust!.token, amount: 5500, ...reason }, META, t.deps)).status).toBe("success");
    expect(await mirrored(t, sale.key)).toMatchObject({ amountCents: 5500 });
  });
});

describe("when USAePay cannot be asked", { timeout: 30_000 }, () => {
  it("the page offers actions from the rules on the local copy, and says so; the refund still goes through once", async () => {
    let down = false;
    const t = await moneySetup({ wrapFetch: (fetch) => async (input, init) => {
      if (down && (init?.method ?? "GET") === "GET") throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect refused"), { code: "ECONNREFUSED" }) });
      return fetch(input, init);
    } });
    const sale = await t.sale(2_000);
    await page(t, sale.key); // mirrored
    down = true;
    const local = await page(t, sale.key);
    expect(local.state).toBe("stale");
    expect(local.money.offeredBy).toBe("rules");
    expect(local.money.position).toMatchObject({ source: "paydesk", remainingCents: 2_000 });
    expect(Object.keys(local.money.forms).sort()).toEqual(["refund", "void"]);
    const result = await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: local.money.forms.refund!.token, amount: 500, ...reason }, META, t.deps);
    expect(result.status).toBe("success");
    // Each emulator numbers its keys alike, so an earlier test may have refunded a sale with this key: the newest is this test's.
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: sale.key, action: "money.usaepay.refund" }, orderBy: { at: "desc" } });
    expect(audit.details).toMatchObject({ checkedAgainst: "Paydesk's copy" });
    expect((await page(t, sale.key)).money.position).toMatchObject({ refundedCents: 500, remainingCents: 1_500 });
  });

  it("rules alone never offer a void once settled, nor a capture of a sale", async () => {
    const { actionsFromRules, positionFromMirror } = await import("./internal/usaepay-money/rules");
    const base = { outcome: "approved", cardMasked: "4000xxxxxxxx2224", amountCents: 1000 };
    const position = positionFromMirror({ amountCents: 1000 }, []);
    expect(actionsFromRules({ ...base, kind: "sale", statusCode: "S" }, position)).toEqual({ refund: true, void: false, release: false, capture: false, adjust: false });
    expect(actionsFromRules({ ...base, kind: "sale", statusCode: "P" }, position)).toEqual({ refund: true, void: true, release: true, capture: false, adjust: true });
    expect(actionsFromRules({ ...base, kind: "auth-only", statusCode: "N" }, null)).toEqual({ refund: false, void: true, release: true, capture: true, adjust: true });
    expect(actionsFromRules({ ...base, kind: "void", statusCode: "V" }, position)).toEqual({ refund: false, void: false, release: false, capture: false, adjust: false });
    expect(actionsFromRules({ ...base, kind: "sale", statusCode: "D", outcome: "declined" }, position)).toEqual({ refund: false, void: false, release: false, capture: false, adjust: false });
    expect(actionsFromRules({ ...base, kind: "sale", statusCode: "S" }, { ...position, refundedCents: 1000, remainingCents: 0 }).refund).toBe(false);
  });
});

describe("the one-time token", { timeout: 30_000 }, () => {
  it("two concurrent submits of one form make exactly one POST /transactions; a second tab replays the first", async () => {
    const t = await moneySetup();
    const sale = await t.sale(8000);
    const tab1 = await page(t, sale.key);
    const tab2 = await page(t, sale.key);
    expect(tab2.money.forms.refund!.token.split(".")[0]).toBe(tab1.money.forms.refund!.token.split(".")[0]);
    const posts = await t.posts();
    const input = { key: sale.key, token: tab1.money.forms.refund!.token, amount: 1000, ...reason };
    const results = await Promise.all([refundTransaction(t.manager, t.merchant.slug, input, META, t.deps), refundTransaction(t.manager, t.merchant.slug, { ...input }, META, t.deps)]);
    expect(await t.posts()).toBe(posts + 1);
    expect(results.map((result) => result.status)).toEqual(expect.arrayContaining(["success"]));
    const fromTab2 = await refundTransaction(t.manager, t.merchant.slug, { ...input, token: tab2.money.forms.refund!.token }, META, t.deps);
    expect(fromTab2.message).toMatch(/^This form was already sent, so nothing was sent again\. Its result: Refunded \$10\.00/);
    expect(await t.posts()).toBe(posts + 1);
    expect(await db.moneyAttempt.count({ where: { merchantAccountId: t.merchant.id, targetKey: sale.key } })).toBe(1);
  });

  it("a viewer's replay of a manager's form is refused, and a viewer is offered no action", async () => {
    const t = await moneySetup();
    const sale = await t.sale(700);
    expect((await page(t, sale.key, t.viewer)).money.forms).toEqual({});
    const managerForm = (await page(t, sale.key)).money.forms.refund!;
    const posts = await t.posts();
    await expect(refundTransaction(t.viewer, t.merchant.slug, { key: sale.key, token: managerForm.token, amount: 700, ...reason }, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    // A manager without a grant to the account gets "not found", as for any record of it.
    const { makeViewer } = await import("./test-fixtures");
    const stranger = await makeViewer("MANAGER");
    await expect(refundTransaction(stranger, t.merchant.slug, { key: sale.key, token: managerForm.token, amount: 700, ...reason }, META, t.deps)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await t.posts()).toBe(posts);
  });
});

describe("outcome unknown", { timeout: 30_000 }, () => {
  it("a refund whose answer was lost is shown as unknown, blocks the sale, and a read of its refunds settles it", async () => {
    const lossy = losingAnswer((_url, init) => init?.method === "POST");
    const t = await moneySetup({ wrapFetch: lossy.wrap });
    const sale = await t.sale(3000);
    const form = (await page(t, sale.key)).money.forms.refund!;
    lossy.arm();
    const unknown = await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: form.token, amount: 1200, ...reason }, META, t.deps);
    expect(unknown).toMatchObject({ status: "error", message: expect.stringMatching(/not known yet/) });
    // The refund happened upstream, but the mirror only learns it by reconciling.
    const blocked = await page(t, sale.key);
    expect(blocked.money.blocking).toMatchObject({ status: "unknown", operation: "refund", amountCents: 1200 });
    expect(blocked.money.forms).toEqual({});
    expect(blocked.money.canReconcile).toBe(true);

    const posts = await t.posts();
    const checked = await checkMoneyOutcome(t.manager, t.merchant.slug, blocked.money.blocking!.id, META, t.deps);
    expect(checked).toMatchObject({ status: "success", message: expect.stringMatching(/^Checked with the payment service: Refunded \$12\.00/) });
    expect(await t.posts()).toBe(posts);
    const after = await page(t, sale.key);
    expect(after.money.blocking).toBeNull();
    expect(after.money.position).toMatchObject({ refundedCents: 1200, remainingCents: 1800 });
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: t.merchant.id, refundOfKey: sale.key, kind: "refund" } })).toBe(1);
  });

  it("a void whose answer was lost after it took effect is found voided by the read", async () => {
    const lossy = losingAnswer((_url, init) => init?.method === "POST");
    const t = await moneySetup({ wrapFetch: lossy.wrap });
    const sale = await t.sale(1500);
    const form = (await page(t, sale.key)).money.forms.void!;
    lossy.arm();
    await voidTransaction(t.manager, t.merchant.slug, { key: sale.key, token: form.token, release: false, ...reason }, META, t.deps);
    const blocked = await page(t, sale.key);
    expect((await checkMoneyOutcome(t.manager, t.merchant.slug, blocked.money.blocking!.id, META, t.deps)).status).toBe("success");
    expect(await mirrored(t, sale.key)).toMatchObject({ statusCode: "V", kind: "void" });
  });

  it("a void that never reached the gateway reconciles as not done, and the sale may be voided again", async () => {
    const lossy = losingAnswer((_url, init) => init?.method === "POST", { reachesGateway: false });
    const t = await moneySetup({ wrapFetch: lossy.wrap });
    const sale = await t.sale(1600);
    const form = (await page(t, sale.key)).money.forms.void!;
    lossy.arm();
    await voidTransaction(t.manager, t.merchant.slug, { key: sale.key, token: form.token, release: false, ...reason }, META, t.deps);
    const blocked = await page(t, sale.key);
    const checked = await checkMoneyOutcome(t.manager, t.merchant.slug, blocked.money.blocking!.id, META, t.deps);
    expect(checked).toEqual({ status: "error", message: "Checked with USAePay: the void did not happen, so nothing was changed. You may try again." });
    const free = await page(t, sale.key);
    expect(free.money.blocking).toBeNull();
    expect((await voidTransaction(t.manager, t.merchant.slug, { key: sale.key, token: free.money.forms.void!.token, release: false, ...reason }, META, t.deps)).status).toBe("success");
  });
});
