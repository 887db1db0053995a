import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests sit beside the code they test. Database tests (*.db.test.ts) need a
// migrated database and run in their own project so CI can repeat them on PostgreSQL.
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws unless resolved with Next's react-server condition; tests run
      // server modules on purpose, so they get its empty module, as Next's server build does.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    // The app's env module needs a secret; tests never read the developer's .env.
    env: {
      NEXTAUTH_SECRET: "vitest-only-secret-vitest-only-secret-0123",
      VAULT_KEYS: `test:${Buffer.alloc(32, 1).toString("base64")}`,
      NODE_ENV: "test",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "sandbox/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["lib/**/*.db.test.ts"],
          environment: "node",
          fileParallelism: false,
          globalSetup: ["./lib/db/test-global-setup.ts"],
          setupFiles: ["./lib/db/test-disconnect.ts"],
          env: { DATABASE_URL: process.env.DATABASE_URL ?? "file:./prisma/test.db" },
        },
      },
    ],
  },
});
