import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseKeyRing, VaultConfigError } from "./key-ring";
import { maskedHint, open, seal, sealedKeyId, secretContext, VaultOpenError } from "./seal";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const ringA = parseKeyRing(`a:${keyA}`);
const context = secretContext("MerchantCredential", "rec_1", "key");

describe("vault seal/open", () => {
  it("round-trips and records the key id and format", () => {
    const sealed = seal(ringA, "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7", context);
    expect(sealed.startsWith("v1.a.")).toBe(true);
    expect(sealed).not.toContain("_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7");
    expect(open(ringA, sealed, context)).toBe("_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7");
  });

  it("uses a fresh IV: the same secret seals differently each time", () => {
    expect(seal(ringA, "1234", context)).not.toBe(seal(ringA, "1234", context));
  });

  it("refuses a tampered ciphertext", () => {
    const parts = seal(ringA, "secret-value", context).split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0]! ^= 0xff;
    parts[3] = body.toString("base64url");
    expect(() => open(ringA, parts.join("."), context)).toThrow(VaultOpenError);
  });

  it("refuses a tampered tag", () => {
    const parts = seal(ringA, "secret-value", context).split(".");
    parts[4] = Buffer.alloc(16).toString("base64url");
    expect(() => open(ringA, parts.join("."), context)).toThrow(/tampered/);
  });

  it("refuses a ciphertext moved to another record or field (wrong associated data)", () => {
    const sealed = seal(ringA, "secret-value", context);
    expect(() => open(ringA, sealed, secretContext("MerchantCredential", "rec_2", "key"))).toThrow(VaultOpenError);
    expect(() => open(ringA, sealed, secretContext("MerchantCredential", "rec_1", "pin"))).toThrow(VaultOpenError);
  });

  it("names an unknown key id", () => {
    const sealed = seal(parseKeyRing(`b:${keyB}`), "secret-value", context);
    expect(() => open(ringA, sealed, context)).toThrow(/master key "b" is not in VAULT_KEYS/);
  });

  it("refuses an unknown format", () => {
    expect(() => open(ringA, "v0.a.x.y.z", context)).toThrow(/unknown format/);
    expect(() => open(ringA, "plaintext", context)).toThrow(/unknown format/);
  });

  it("rotates across two keys: the new first key seals, the old one still opens", () => {
    const oldSealed = seal(ringA, "rotate-me", context);
    const rotatedRing = parseKeyRing(`b:${keyB},a:${keyA}`);
    expect(open(rotatedRing, oldSealed, context)).toBe("rotate-me");
    const resealed = seal(rotatedRing, open(rotatedRing, oldSealed, context), context);
    expect(sealedKeyId(resealed)).toBe("b");
    expect(open(parseKeyRing(`b:${keyB}`), resealed, context)).toBe("rotate-me");
    expect(() => open(parseKeyRing(`b:${keyB}`), oldSealed, context)).toThrow(VaultOpenError);
  });
});

describe("VAULT_KEYS parsing", () => {
  it("takes the first key as the active one", () => {
    const ring = parseKeyRing(`new:${keyB}, old:${keyA}`);
    expect(ring.activeKeyId).toBe("new");
    expect([...ring.keys.keys()]).toEqual(["new", "old"]);
  });

  it.each([
    ["missing", undefined, /is missing/],
    ["empty", "  ", /is missing/],
    ["no id", keyA, /valid key id/],
    ["short key", `a:${randomBytes(16).toString("base64")}`, /not 32 bytes/],
    ["not base64", `a:${"!".repeat(44)}`, /not 32 bytes/],
    ["duplicate id", `a:${keyA},a:${keyB}`, /twice/],
    ["bad id", `a b:${keyA}`, /valid key id/],
  ])("rejects %s with a clear message", (_name, raw, message) => {
    expect(() => parseKeyRing(raw)).toThrow(VaultConfigError);
    expect(() => parseKeyRing(raw)).toThrow(message);
  });
});

describe("maskedHint", () => {
  it("shows the last four of a long secret only", () => {
    expect(maskedHint("_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7")).toBe("••••o8p7");
    expect(maskedHint("1234")).toBe("••••");
    expect(maskedHint("123456")).toBe("••••");
  });
});
