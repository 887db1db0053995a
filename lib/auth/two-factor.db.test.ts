import { generateSync } from "otplib/functional";
import { describe, expect, it } from "vitest";
import { makeViewer } from "@/lib/dal/test-fixtures";
import { db } from "@/lib/db";
import { confirmEnrolment, pendingEnrolment, verifySecondFactor } from "./two-factor";

// An injected clock: codes are computed for chosen instants, never for "now".
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const codeAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });

async function enrolled() {
  const viewer = await makeViewer("ADMIN");
  const enrolment = (await pendingEnrolment(viewer))!;
  const secret = enrolment.manualKey.replace(/\s/g, "");
  const codes = (await confirmEnrolment(viewer.id, codeAt(secret, T0), T0))!;
  return { viewer, secret, codes };
}

describe("TOTP two-factor", () => {
  it("stores the secret sealed, never in plain text, and shows the same one until enrolment is confirmed", async () => {
    const viewer = await makeViewer("ADMIN");
    const first = (await pendingEnrolment(viewer))!;
    const again = (await pendingEnrolment(viewer))!;
    expect(again.manualKey).toBe(first.manualKey);
    expect(first.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const row = await db.userTwoFactor.findUniqueOrThrow({ where: { userId: viewer.id } });
    expect(row.secretSealed).not.toContain(first.manualKey.replace(/\s/g, ""));
    expect(row.enabledAt).toBeNull();
  });

  it("refuses a wrong first code, then gives ten recovery codes for a right one", async () => {
    const viewer = await makeViewer("ADMIN");
    const secret = (await pendingEnrolment(viewer))!.manualKey.replace(/\s/g, "");
    expect(await confirmEnrolment(viewer.id, "000000", T0)).toBeNull();
    const codes = await confirmEnrolment(viewer.id, codeAt(secret, T0), T0);
    expect(codes).toHaveLength(10);
    expect(await pendingEnrolment(viewer)).toBeNull();
  });

  it("accepts a code one 30-second step either side, not two", async () => {
    const { viewer, secret } = await enrolled();
    const later = T0 + 10 * 60_000;
    expect(await verifySecondFactor(viewer.id, codeAt(secret, later - 30_000), later)).toMatchObject({ ok: true });
    expect(await verifySecondFactor(viewer.id, codeAt(secret, later + 30_000), later)).toMatchObject({ ok: true });
    const muchLater = later + 10 * 60_000;
    expect(await verifySecondFactor(viewer.id, codeAt(secret, muchLater - 60_000), muchLater)).toEqual({ ok: false });
    expect(await verifySecondFactor(viewer.id, codeAt(secret, muchLater + 60_000), muchLater)).toEqual({ ok: false });
  });

  it("never accepts the same code twice", async () => {
    const { viewer, secret } = await enrolled();
    const at = T0 + 5 * 60_000;
    expect(await verifySecondFactor(viewer.id, codeAt(secret, at), at)).toMatchObject({ ok: true });
    expect(await verifySecondFactor(viewer.id, codeAt(secret, at), at + 1_000)).toEqual({ ok: false });
  });

  it("a recovery code works once, typed with or without its dash and in any case", async () => {
    const { viewer, codes } = await enrolled();
    const code = codes[3]!;
    expect(await verifySecondFactor(viewer.id, code.toUpperCase().replace("-", " "), T0)).toEqual({ ok: true, method: "recovery_code", recoveryCodesLeft: 9 });
    expect(await verifySecondFactor(viewer.id, code, T0)).toEqual({ ok: false });
    const stored = await db.recoveryCode.findMany({ where: { userId: viewer.id } });
    expect(stored.every((row) => row.codeHash.startsWith("$argon2id$") && !row.codeHash.includes(code))).toBe(true);
  });
});
