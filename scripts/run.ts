import { spawn, type SpawnOptions } from "node:child_process";

/** Runs a command to completion, inheriting stdio; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`));
    });
  });
}

/** `node ...PRISMA_CLI args` runs the Prisma CLI with the timer preload (prisma/unref-timers.cjs). */
export const PRISMA_CLI = ["--require", "./prisma/unref-timers.cjs", "node_modules/prisma/build/index.js"];
export const NEXT_CLI = "node_modules/next/dist/bin/next";

/** `run(TSX, [...SERVER_MODULES, script])` runs a script that imports server modules (see scripts/server-only.mjs). */
export const TSX = "node_modules/.bin/tsx";
export const SERVER_MODULES = ["--import", "./scripts/server-only.mjs"];

/** Polls a URL until it answers 2xx, or gives up after `timeoutMs`. */
export async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
