import { spawn, type ChildProcess } from "node:child_process";

/**
 * A second app server on its own port against the e2e database, which a spec can kill and
 * restart (Playwright's webServer app must stay up for the other specs). Same settings as
 * scripts/e2e-server.ts; Next reads NEXTAUTH_SECRET and VAULT_KEYS from .env as that one does.
 */
export function secondAppServer(port = Number(process.env.E2E_SECOND_PORT ?? 3101), extraEnv: Record<string, string> = {}) {
  const baseURL = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db",
    NEXTAUTH_URL: baseURL,
    USAEPAY_EMULATOR_URL: `http://127.0.0.1:${process.env.E2E_USAEPAY_PORT ?? 4110}/api/v2/`,
    CLIENTPAY_EMULATOR_URL: `http://127.0.0.1:${process.env.E2E_CLIENTPAY_PORT ?? 4120}/v2/`,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // As in playwright.config.ts: no background mirror sync competing with the specs.
    MIRROR_SYNC_INTERVAL_SECONDS: "0",
    // As in playwright.config.ts: the saved sessions outlive the run.
    SESSION_IDLE_TIMEOUT_SECONDS: "28800",
    STEP_UP_MAX_AGE_SECONDS: "28800",
    ...extraEnv,
  };
  let child: ChildProcess | undefined;

  async function waitUntilUp(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`app server on ${port} exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${baseURL}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`app server on ${port} did not come up within ${timeoutMs / 1000} s`);
  }

  return {
    baseURL,
    async start() {
      child = spawn("node", ["--import", "./scripts/server-preload.mjs", "node_modules/next/dist/bin/next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
        env,
        stdio: ["ignore", "ignore", "inherit"],
      });
      await waitUntilUp();
    },
    /** SIGKILL: a crash, not a shutdown — nothing gets to finish or clean up. */
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
  };
}
