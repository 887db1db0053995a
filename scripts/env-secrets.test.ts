import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";
import { fillSecrets } from "./env-secrets";

describe("fillSecrets", () => {
  it("fills empty secrets so the result passes env validation", () => {
    const { text, filled } = fillSecrets('DATABASE_URL="file:./prisma/dev.db"\nNEXTAUTH_SECRET=""\nVAULT_KEYS=""\n');
    expect(filled.sort()).toEqual(["NEXTAUTH_SECRET", "VAULT_KEYS"]);
    const values = Object.fromEntries(text.split("\n").filter(Boolean).map((line) => {
      const [name, ...rest] = line.split("=");
      return [name, rest.join("=").replace(/^"|"$/g, "")];
    }));
    expect(() => parseEnv(values)).not.toThrow();
  });

  it("keeps secrets that are already set and appends absent ones", () => {
    const { text, filled } = fillSecrets('NEXTAUTH_SECRET="keep-me"\n');
    expect(filled).toEqual(["VAULT_KEYS"]);
    expect(text).toContain('NEXTAUTH_SECRET="keep-me"');
    expect(text).toMatch(/VAULT_KEYS="k\d{8}:[A-Za-z0-9+/]{43}="/);
  });
});
