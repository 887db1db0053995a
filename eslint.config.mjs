import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";

/**
 * The layers, bottom first. A file belongs to the first layer whose globs match it, and may
 * import only from its own layer and the layers listed before it: a strict order, so no
 * folder can import a folder that imports it back. `may` narrows that further (app code,
 * components, actions); it can only name layers listed earlier (checked below).
 * `serverOnly` says which files of the layer must start with `import "server-only"` (true: all;
 * or a list of globs), `serverOnlyExcept` which of them need not.
 * Resolution is by file (eslint-plugin-boundaries through the TypeScript resolver), so
 * relative paths, the `@/` alias and dynamic `import()` are all held to the same rules.
 */
const LAYERS = [
  // Test files and their fixtures reach whatever they test; nothing imports them.
  { name: "tests", files: ["**/*.test.ts", "**/*.test.tsx", "lib/**/test-*.ts"] },
  // Browser-safe pieces every layer shares: no I/O, no secrets.
  { name: "shared", files: ["lib/errors.ts", "lib/format.ts", "lib/format-numbers.ts", "lib/time-zone.ts", "lib/mirror-status-text.ts", "lib/validation/**", "lib/auth/permissions.ts", "lib/auth/viewer.ts", "lib/auth/callback-url.ts", "lib/actions/action-state.ts"] },
  // The environment, validated once; the key ring's format is part of what it validates.
  { name: "env", files: ["lib/env.ts", "lib/env-schema.ts", "lib/vault/key-ring.ts", "lib/client-address.ts"], serverOnly: true },
  // request-guard.ts: what the proxy refuses before Next decodes a request (it logs, so it sits here).
  { name: "logger", files: ["lib/logger.ts", "lib/request-meta.ts", "lib/request-guard.ts"], serverOnly: true },
  { name: "db", files: ["lib/db/**", "prisma/generated/**"], serverOnly: ["lib/db/**"] },
  { name: "vault", files: ["lib/vault/**"], serverOnly: true },
  // All but the USAePay auth hash, which the e2e fixtures and a benchmark sign emulator calls
  // with outside Next (it holds no secret of its own). App code cannot import any of it.
  { name: "payments", files: ["lib/payments/**"], serverOnly: true, serverOnlyExcept: ["lib/payments/usaepay/auth.ts", "lib/payments/*/testing.ts"] },
  { name: "audit", files: ["lib/audit/**"], serverOnly: true },
  { name: "health", files: ["lib/health.ts"], serverOnly: true },
  // The gateway factory: the only place merchant secrets are opened.
  { name: "gateways", files: ["lib/gateways/**"], serverOnly: true },
  { name: "sync", files: ["lib/sync/**"], serverOnly: true },
  { name: "auth", files: ["lib/auth/**"], serverOnly: true },
  { name: "dal-internal", files: ["lib/dal/internal/**"], serverOnly: true },
  // The DAL's public face: every export takes the viewer first (lib/dal/viewer-first.test.ts).
  { name: "dal", files: ["lib/dal/*.ts"], serverOnly: true },
  // What arrives without a session (USAePay webhooks, ClientPay postbacks): each verifies its
  // own signature or token, not a viewer.
  { name: "inbound", files: ["lib/inbound/**"], serverOnly: true },
  { name: "actions", files: ["lib/actions/**"], may: ["dal", "auth", "logger", "shared"], serverOnly: ["lib/actions/define-action.ts", "lib/actions/define-route.ts", "lib/actions/gate.ts"] },
  // Presentational: props in, markup out.
  { name: "components", files: ["components/**"], may: ["shared"] },
  // Pages, layouts and route handlers: the DAL's public face, actions, the session, components.
  { name: "app", files: ["app/**"], may: ["components", "actions", "dal", "inbound", "health", "auth", "shared"] },
];

const names = LAYERS.map((layer) => layer.name);
for (const [index, layer] of LAYERS.entries()) {
  if (!Array.isArray(layer.may)) continue;
  for (const target of layer.may) {
    const at = names.indexOf(target);
    if (at < 0 || at >= index) throw new Error(`eslint.config.mjs: layer "${layer.name}" may only use layers listed before it, not "${target}"`);
  }
}
// Tests are not checked (the rule ignores them), so their layer needs no policy.
const layerPolicies = LAYERS.slice(1).map((layer, index) => ({
  from: { file: { categories: layer.name } },
  allow: { to: { file: { categories: { anyOf: [layer.name, ...(layer.may ?? names.slice(1, index + 1))] } } } },
}));

// One config per layer: a file claimed by an earlier layer (lib/auth/permissions.ts is shared) is not held to a later one's rule.
const serverOnlyConfigs = LAYERS.flatMap((layer, index) =>
  layer.serverOnly
    ? [{ files: layer.serverOnly === true ? layer.files : layer.serverOnly, ignores: [...LAYERS.slice(0, index).flatMap((earlier) => earlier.files), ...(layer.serverOnlyExcept ?? [])] }]
    : [],
);

/** Modules that must never reach a browser start with `import "server-only"`, so a stray import from client code fails the build. */
const serverOnlyFirst = {
  meta: { type: "problem", messages: { missing: 'This module must never reach a browser: start it with `import "server-only";` (see the layer table in eslint.config.mjs).' } },
  create(context) {
    return {
      Program(program) {
        const first = program.body.find((node) => !(node.type === "ExpressionStatement" && node.directive));
        if (first?.type === "ImportDeclaration" && first.source.value === "server-only") return;
        context.report({ node: first ?? program, messageId: "missing" });
      },
    };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "prisma/generated/**", "reports/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Only lib/env.ts reads the environment (validated once); everything else imports `env`.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through `env` from @/lib/env (the one validated reader of process.env)." }],
    },
  },
  {
    // Programs and configs outside the app, which set up or read the environment themselves.
    files: ["lib/env.ts", "scripts/**", "prisma/**", "e2e/**", "bench/**", "sandbox/**", "*.config.{ts,mjs,js}", "instrumentation.ts", "lib/db/test-global-setup.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Every spec's `test` fails on browser console errors (e2e/fixtures/test.ts); Playwright's own would not.
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@playwright/test", importNames: ["test"], message: "Import `test` (and `expect`) from e2e/fixtures/test.ts, which fails a test on any console error." }] },
      ],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: LAYERS[0].files,
    plugins: { boundaries },
    settings: {
      "boundaries/files": [
        ...LAYERS.map((layer) => ({ category: layer.name, pattern: layer.files })),
        { category: "sandbox", pattern: "sandbox/**" },
        { category: "scripts", pattern: "scripts/**" },
      ],
      // A file is in the first layer that matches it (lib/auth/permissions.ts is shared, not auth).
      "boundaries/files-single-match": true,
      "boundaries/dependency-nodes": ["import", "export", "dynamic-import"],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          checkUnknownLocals: true,
          checkInternals: true,
          message: `Layer "{{from.file.categories}}" may not import "{{dependency.source}}" (layer "{{to.file.categories}}"): see the layer table in eslint.config.mjs. App code reaches data only through the DAL's public face; the app never imports the emulators.`,
          policies: layerPolicies,
        },
      ],
    },
  },
  ...serverOnlyConfigs.map((config) => ({ ...config, plugins: { paydesk: { rules: { "server-only-first": serverOnlyFirst } } }, rules: { "paydesk/server-only-first": "error" } })),
]);
