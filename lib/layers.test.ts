import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rules in eslint.config.mjs bite: each deliberate violation below, linted as if it
 * were a file at that path, must fail with the named rule, and the allowed import beside it
 * must pass. The real tree must pass too (as `npm run lint` checks).
 */
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() });
  // The first lint loads the TypeScript resolver (seconds on a busy machine): pay it here,
  // not inside the first test's 5 s.
  await eslint.lintText("export {};\n", { filePath: "app/(dashboard)/warm-up/page.tsx" });
}, 120_000);

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

const importing = (source: string) => `import * as target from "${source}";\nexport const used = target;\n`;
const serverModule = (source: string) => `import "server-only";\n${importing(source)}`;

const LAYER_RULE = "boundaries/dependencies";

describe("app code reaches data only through the DAL's public face", () => {
  const forbidden = ["@/lib/db", "@/lib/vault", "@/lib/payments/usaepay", "@/lib/sync", "@/lib/gateways/clients", "@/lib/dal/internal/guards", "@/lib/env", "@/lib/audit/record"];
  for (const source of forbidden) {
    it(`a page may not import ${source}`, async () => {
      expect(await problems("app/(dashboard)/example/page.tsx", importing(source))).toEqual([expect.stringContaining(LAYER_RULE)]);
    });
  }

  it("nor a route handler, however the path is spelled, statically or dynamically", async () => {
    expect(await problems("app/api/example/route.ts", importing("@/lib/db"))).toEqual([expect.stringContaining(LAYER_RULE)]);
    expect(await problems("app/api/example/route.ts", importing("../../../lib/db"))).toEqual([expect.stringContaining(LAYER_RULE)]);
    expect(await problems("app/api/example/route.ts", 'export async function GET() {\n  return (await import("@/lib/db")).db;\n}\n')).toEqual([expect.stringContaining(LAYER_RULE)]);
  });

  it("lets a page use the public DAL, actions, the session and components", async () => {
    for (const source of ["@/lib/dal/users", "@/lib/actions/users", "@/lib/auth/session", "@/components/ui/card", "@/lib/validation/table-state", "@/lib/inbound/clientpay-postback"]) {
      expect(await problems("app/(dashboard)/example/page.tsx", importing(source))).toEqual([]);
    }
  });

  it("keeps components presentational: no DAL, no session, no database", async () => {
    for (const source of ["@/lib/dal/users", "@/lib/auth/session", "@/lib/db", "@/lib/actions/users"]) {
      expect(await problems("components/example.tsx", importing(source))).toEqual([expect.stringContaining(LAYER_RULE)]);
    }
    expect(await problems("components/example.tsx", importing("@/lib/format"))).toEqual([]);
  });

  it("never imports the emulators", async () => {
    expect(await problems("lib/gateways/example.ts", serverModule("@/sandbox/usaepay"))).toEqual([expect.stringContaining(LAYER_RULE)]);
  });
});

describe("no folder imports a folder that imports it back", () => {
  const loops: [string, string][] = [
    ["lib/auth/example.ts", "@/lib/dal/users"],
    ["lib/sync/example.ts", "@/lib/dal/merchants"],
    ["lib/gateways/example.ts", "@/lib/sync"],
    ["lib/db/example.ts", "@/lib/audit/record"],
    ["lib/dal/internal/example.ts", "@/lib/dal/merchants"],
    ["lib/dal/example.ts", "@/lib/actions/users"],
    // What arrives without a session (lib/inbound) sits above the DAL: the DAL never calls back into it.
    ["lib/dal/internal/example.ts", "@/lib/inbound/clientpay-postback"],
  ];
  for (const [filePath, source] of loops) {
    it(`${filePath} may not import ${source} (a higher layer)`, async () => {
      expect(await problems(filePath, serverModule(source))).toEqual([expect.stringContaining(LAYER_RULE)]);
    });
  }

  it("lets a layer import the ones below it", async () => {
    expect(await problems("lib/dal/example.ts", serverModule("@/lib/dal/internal/guards"))).toEqual([]);
    expect(await problems("lib/sync/example.ts", serverModule("@/lib/gateways/clients"))).toEqual([]);
  });
});

describe("only lib/env.ts reads process.env", () => {
  it("is an error anywhere in the app", async () => {
    const code = 'import "server-only";\nexport const level = process.env.LOG_LEVEL;\n';
    expect(await problems("lib/logger.ts", code)).toEqual([expect.stringContaining("no-restricted-properties")]);
    expect(await problems("app/(dashboard)/example/page.tsx", "export const level = process.env.LOG_LEVEL;\n")).toEqual([expect.stringContaining("no-restricted-properties")]);
    expect(await problems("lib/sync/example.ts", 'import "server-only";\nconst { env } = process;\nexport const level = env.LOG_LEVEL;\n')).toEqual([expect.stringContaining("no-restricted-properties")]);
  });

  it("is allowed in lib/env.ts, scripts and configs", async () => {
    expect(await problems("lib/env.ts", 'import "server-only";\nexport const raw = process.env;\n')).toEqual([]);
    expect(await problems("scripts/example.ts", "export const port = process.env.PORT;\n")).toEqual([]);
    expect(await problems("playwright.config.ts", "export const port = process.env.E2E_PORT;\n")).toEqual([]);
  });
});

describe('modules that must never reach a browser start with import "server-only"', () => {
  for (const filePath of ["lib/vault/example.ts", "lib/db/example.ts", "lib/dal/example.ts", "lib/dal/internal/example.ts", "lib/gateways/example.ts", "lib/env.ts", "lib/sync/example.ts", "lib/audit/example.ts", "lib/auth/session.ts", "lib/logger.ts", "lib/payments/usaepay/client.ts"]) {
    it(`${filePath} without it fails`, async () => {
      expect(await problems(filePath, "export const value = 1;\n")).toEqual([expect.stringContaining("paydesk/server-only-first")]);
    });
  }

  it("passes with it, and is not asked of browser-safe modules", async () => {
    expect(await problems("lib/vault/example.ts", 'import "server-only";\nexport const value = 1;\n')).toEqual([]);
    expect(await problems("lib/auth/permissions.ts", "export const value = 1;\n")).toEqual([]);
    expect(await problems("lib/validation/example.ts", "export const value = 1;\n")).toEqual([]);
  });
});

describe("the real tree", () => {
  it("passes every rule", { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(["app", "components", "lib", "instrumentation.ts", "proxy.ts"]);
    const failures = results.flatMap((result) => result.messages.map((message) => `${result.filePath}:${message.line} ${message.ruleId}: ${message.message}`));
    expect(failures).toEqual([]);
  });
});

describe("every e2e spec fails on browser console errors", () => {
  it("a spec may not take `test` from @playwright/test, only from e2e/fixtures/test.ts", async () => {
    const spec = (source: string) => `import { expect, test } from "${source}";\ntest("x", async () => expect(1).toBe(1));\n`;
    expect(await problems("e2e/example/example.spec.ts", spec("@playwright/test"))).toEqual([expect.stringContaining("no-restricted-imports")]);
    expect(await problems("e2e/example/example.spec.ts", spec("../fixtures/test"))).toEqual([]);
    expect(await problems("e2e/example/helpers.ts", 'import { expect, type Page } from "@playwright/test";\nexport const check = (page: Page) => expect(page).toBeTruthy();\n')).toEqual([]);
  });
});
