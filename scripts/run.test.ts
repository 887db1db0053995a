import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBounded } from "./run";

/** True while the process runs; on Linux a zombie waiting to be reaped counts as gone. */
function alive(pid: number): boolean {
  if (existsSync("/proc/self/stat")) {
    const stat = `/proc/${pid}/stat`;
    return existsSync(stat) && !/^\d+ \(.*\) Z/.test(readFileSync(stat, "utf8"));
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("runBounded", () => {
  it("succeeds with an empty detail", async () => {
    expect(await runBounded("node", ["-e", "console.log('fine')"], { timeoutMs: 30_000 })).toEqual({ ok: true, detail: "" });
  });

  it("reports the error line of a failed command, not its stack trace", async () => {
    const script = "console.log('Downloading...'); console.error(new Error('getaddrinfo ENOTFOUND cdn.example').stack); process.exit(1)";
    expect(await runBounded("node", ["-e", script], { timeoutMs: 30_000 })).toEqual({ ok: false, detail: "Error: getaddrinfo ENOTFOUND cdn.example" });
  });

  it("reports a command that cannot start", async () => {
    const result = await runBounded("/nonexistent/command", [], { timeoutMs: 30_000 });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain("ENOENT");
  });

  it("gives no input, so a command waiting for some ends at once", async () => {
    expect(await runBounded("sh", ["-c", "read answer || exit 3"], { timeoutMs: 30_000 })).toEqual({ ok: false, detail: "exited with 3" });
  });

  it("kills the whole process group when the time is up, helpers included", async () => {
    const pidFile = path.join(mkdtempSync(path.join(tmpdir(), "run-bounded-")), "helper.pid");
    const result = await runBounded("sh", ["-c", `sleep 600 & echo $! > ${pidFile}; wait`], { timeoutMs: 1_000 });
    expect(result).toEqual({ ok: false, detail: "gave up after 1 s" });
    const helper = Number(readFileSync(pidFile, "utf8"));
    await expect.poll(() => alive(helper)).toBe(false);
  });
});
