import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/chromium";
import { chromiumLookup } from "./scripts/chromium-probes";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Own ports, so a running `npm run demo` (4010/4020/3000) is never touched by tests.
const usaepayPort = Number(process.env.E2E_USAEPAY_PORT ?? 4110);
const clientpayPort = Number(process.env.E2E_CLIENTPAY_PORT ?? 4120);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/setup/global-setup.ts",
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "reports/playwright.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // The browser `npm run test:browser` found or installed (scripts/chromium.ts); with none,
      // Playwright's default, whose launch error says what is missing.
      executablePath: findChromium(chromiumLookup())?.path,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: "node_modules/.bin/tsx sandbox/server.ts",
      port: clientpayPort,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        USAEPAY_EMULATOR_PORT: String(usaepayPort),
        CLIENTPAY_EMULATOR_PORT: String(clientpayPort),
        // The suite makes far more calls than a real office; the rate-limit tests lower it per key.
        USAEPAY_EMULATOR_RATE_PER_MINUTE: "100000",
        USAEPAY_EMULATOR_RATE_PER_DAY: "1000000",
      },
    },
    {
      command: "node_modules/.bin/tsx scripts/e2e-server.ts",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        E2E_PORT: String(port),
        NEXTAUTH_URL: baseURL,
        USAEPAY_EMULATOR_URL: `http://127.0.0.1:${usaepayPort}/api/v2/`,
        CLIENTPAY_EMULATOR_URL: `http://127.0.0.1:${clientpayPort}/v2/`,
        // No background sync: each table spec starts the sync of the account it opens, so two
        // 100,000-row accounts do not compete with every other spec for the two CPU cores.
        MIRROR_SYNC_INTERVAL_SECONDS: "0",
        // Everything is logged, so the leak test reads every line the server writes.
        LOG_LEVEL: "debug",
        // Detail pages check every copy with USAePay when opened (in the background), so the
        // detail specs see a refresh whatever the age of the rows the table specs synced.
        DETAIL_FRESH_SECONDS: "0",
        // The sessions global setup saves must outlive a long run; the idle-timeout spec starts
        // its own server with a short timeout (e2e/security/idle-and-step-up.spec.ts).
        SESSION_IDLE_TIMEOUT_SECONDS: "28800",
        // Likewise the step-up window: a sign-in in global setup covers key rotations in later
        // specs; e2e/security/idle-and-step-up.spec.ts checks the prompt on a server with a short one.
        STEP_UP_MAX_AGE_SECONDS: "28800",
        // The outcome-unknown spec holds a refund's answer past this, without waiting 30 s.
        USAEPAY_MONEY_TIMEOUT_SECONDS: "5",
      },
    },
  ],
});
