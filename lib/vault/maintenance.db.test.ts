import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { sealPageRequestId } from "@/lib/dal/internal/clientpay-pages";
import { replaceCurrentCredentials } from "@/lib/dal/internal/credentials";
import { pendingEnrolment } from "@/lib/auth/two-factor";
import { makeMerchant, makeViewer } from "@/lib/dal/test-fixtures";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseKeyRing } from "./key-ring";
import { checkAll, resealAll } from "./maintenance";
import { sealedKeyId } from "./seal";

// The test environment's key (see vitest.config.ts) and a new one to rotate to.
const oldEntry = env.VAULT_KEYS;
const oldId = parseKeyRing(oldEntry).activeKeyId;
const newEntry = `fresh:${randomBytes(32).toString("base64")}`;

afterAll(async () => {
  // Put every secret back on the test key, so other DB test files can open them.
  await resealAll(parseKeyRing(`${oldEntry},${newEntry}`));
});

describe("vault rotate and check", () => {
  it("re-seals every secret with the new key, idempotently, and proves they open", async () => {
    const merchant = await makeMerchant();
    await replaceCurrentCredentials(merchant.id, "usaepay", { key: "rotation-test-key-0000000000001", pin: "4321" }, { actor: null });
    // A staff TOTP secret is sealed too, and rotates with the rest.
    const staff = await makeViewer("ADMIN");
    await pendingEnrolment(staff);
    // ClientPay request IDs sealed on a hosted page and on a money attempt are secrets too.
    const pageId = randomUUID();
    await db.clientpayPage.create({
      data: { id: pageId, merchantAccountId: merchant.id, kind: "invoice", requestIdSealed: sealPageRequestId(pageId, "page-request-id-0001"), requestIdHash: "h", hostedUrl: "https://x", postbackTokenHash: "t", expiresAt: new Date(), search: "" },
    });

    const both = parseKeyRing(`${newEntry},${oldEntry}`);
    const first = await resealAll(both);
    expect(first.failures).toEqual([]);
    expect(first.resealed).toBeGreaterThanOrEqual(2);

    const second = await resealAll(both);
    expect(second.resealed).toBe(0);
    expect(second.alreadyActive).toBe(first.resealed + first.alreadyActive);

    // Only the new key is needed now.
    const check = await checkAll(parseKeyRing(newEntry));
    expect(check.failures).toEqual([]);
    expect(check.byKeyId).toEqual({ fresh: check.total });
    const row = await db.merchantCredential.findFirstOrThrow({ where: { merchantAccountId: merchant.id } });
    expect(sealedKeyId(row.keySealed)).toBe("fresh");
    expect(sealedKeyId((await db.userTwoFactor.findUniqueOrThrow({ where: { userId: staff.id } })).secretSealed)).toBe("fresh");
    const page = await db.clientpayPage.findUniqueOrThrow({ where: { id: pageId } });
    expect(sealedKeyId(page.requestIdSealed)).toBe("fresh");

    // The old key alone no longer opens anything.
    expect((await checkAll(parseKeyRing(oldEntry))).failures.length).toBe(check.total);
  });

  it("reports a secret moved to another row", async () => {
    const ring = parseKeyRing(`${oldEntry},${newEntry}`);
    await resealAll(ring);
    const a = await makeMerchant();
    const b = await makeMerchant();
    await replaceCurrentCredentials(a.id, "usaepay", { key: "moved-secret-test-0000000000001", pin: "1111" }, { actor: null });
    await replaceCurrentCredentials(b.id, "usaepay", { key: "moved-secret-test-0000000000002", pin: "2222" }, { actor: null });
    const rowA = await db.merchantCredential.findFirstOrThrow({ where: { merchantAccountId: a.id } });
    const rowB = await db.merchantCredential.findFirstOrThrow({ where: { merchantAccountId: b.id } });
    await db.merchantCredential.update({ where: { id: rowB.id }, data: { keySealed: rowA.keySealed } });

    const check = await checkAll(ring);
    expect(check.failures.some((failure) => failure.startsWith(`MerchantCredential ${rowB.id} key`))).toBe(true);
    expect(sealedKeyId(rowA.keySealed)).toBe(oldId);
    await db.merchantCredential.delete({ where: { id: rowB.id } });
  });
});
