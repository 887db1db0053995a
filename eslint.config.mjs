import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "prisma/generated/**", "reports/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      // lib/env.ts is the only reader of process.env in the app.
      "no-restricted-properties": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The app never imports the emulators: they are a separate program reached over HTTP.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/sandbox/*", "**/sandbox/*"], message: "The app reaches the emulators over HTTP only." }] }],
    },
  },
]);
