/** The real machine behind ChromiumProbes (scripts/chromium.ts). */
import { chromium } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parse } from "dotenv";
import type { ChromiumLookup, ChromiumProbes } from "./chromium";
import { runBounded } from "./run";

/** CHROMIUM_PATH from the environment, else from .env (read, not loaded: the rest of .env stays out of the test runner). */
function chromiumPathSetting(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync(".env") ? (parse(readFileSync(".env")).CHROMIUM_PATH ?? "") : "";
}

export function chromiumLookup(): ChromiumLookup {
  return {
    chromiumPath: chromiumPathSetting(),
    playwrightPath: () => {
      try {
        return chromium.executablePath();
      } catch {
        return undefined; // no browser registry for this platform
      }
    },
    starts: (path) => existsSync(path) && spawnSync(path, ["--version"], { stdio: "ignore", timeout: 15_000 }).status === 0,
  };
}

export function chromiumProbes(): ChromiumProbes {
  // No prompts from apt or dpkg; a quicker give-up on a dead download connection (Playwright's default is 30 s).
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive", PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: process.env.PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT ?? "15000" };
  return {
    ...chromiumLookup(),
    isRoot: process.getuid?.() === 0,
    hasApt: () => spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0,
    run: (command, args, timeoutMs) => runBounded(command, args, { timeoutMs, env }),
    log: (line) => console.log(line),
  };
}
