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
/** `node ...NEXT_SERVER start ...`: Next with the peer-address stamp preloaded (scripts/server-preload.mjs), as `npm start` runs it. */
export const NEXT_SERVER = ["--import", "./scripts/server-preload.mjs", NEXT_CLI];

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

export interface BoundedResult {
  ok: boolean;
  /** Why it failed, in one line: its error line, or the timeout. Empty on success. */
  detail: string;
}

/**
 * Runs a command with no input and its output captured, killing its whole process group
 * after `timeoutMs` (installers fork helpers that would outlive a kill of the parent).
 * Never rejects: a command that cannot start is a failed result.
 */
export function runBounded(command: string, args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<BoundedResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env: options.env });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    const finish = (result: BoundedResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    child.on("error", (error) => finish({ ok: false, detail: error.message }));
    child.on("close", (code, signal) => {
      if (timedOut) return finish({ ok: false, detail: `gave up after ${Math.round(options.timeoutMs / 1000)} s` });
      if (code === 0) return finish({ ok: true, detail: "" });
      finish({ ok: false, detail: summaryLine(output) || `exited with ${signal ?? code}` });
    });
  });
}

/**
 * The line that says what went wrong: the first error line (Node's "Error: ...", apt's
 * "E: ..."), else the last line that is not part of a stack trace; colour codes removed.
 */
function summaryLine(output: string): string {
  const lines = output.replace(/\u001b\[[0-9;]*m/g, "").split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^(Error|E):/.test(line)) ?? lines.filter((line) => !/^(at |\{|\}|[a-z]+: )/.test(line)).at(-1) ?? "";
}
