import { describe, expect, it } from "vitest";
import { DEBIAN_CHROMIUM, DOWNLOAD_TIMEOUT_MS, ensureChromium, findChromium, type ChromiumProbes } from "./chromium";

const PLAYWRIGHT_CHROMIUM = "/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";

interface Machine {
  chromiumPath?: string;
  /** Browsers that start before anything runs. */
  working?: string[];
  isRoot?: boolean;
  apt?: boolean;
  /** What a command does: the result it gives and the browser it leaves working. */
  commands?: Partial<Record<"download" | "apt-get update" | "apt-get install", { ok: boolean; detail?: string; installs?: string }>>;
}

/** A pretend machine: records every command and every line printed; nothing real runs. */
function machine(spec: Machine) {
  const working = new Set(spec.working ?? []);
  const ran: string[] = [];
  const lines: string[] = [];
  const probes: ChromiumProbes = {
    chromiumPath: spec.chromiumPath ?? "",
    playwrightPath: () => PLAYWRIGHT_CHROMIUM,
    starts: (path) => working.has(path),
    isRoot: spec.isRoot ?? false,
    hasApt: () => spec.apt ?? false,
    run: async (command, args, timeoutMs) => {
      ran.push(`${command} ${args.join(" ")} (${timeoutMs / 1000} s)`);
      const key = command === "apt-get" ? (`apt-get ${args.at(-1) === "update" ? "update" : "install"}` as const) : "download";
      const outcome = spec.commands?.[key] ?? { ok: false, detail: `no ${key} here` };
      if (outcome.ok && outcome.installs) working.add(outcome.installs);
      return { ok: outcome.ok, detail: outcome.detail ?? "" };
    },
    log: (line) => lines.push(line),
  };
  return { probes, ran, lines };
}

const offline = { download: { ok: false, detail: "Error: getaddrinfo ENOTFOUND cdn.playwright.dev" } };

describe("findChromium", () => {
  it("prefers Playwright's own Chromium to Debian's", () => {
    const { probes } = machine({ working: [PLAYWRIGHT_CHROMIUM, DEBIAN_CHROMIUM] });
    expect(findChromium(probes)).toEqual({ path: PLAYWRIGHT_CHROMIUM, name: "Playwright's Chromium" });
  });

  it("falls back to Debian's when Playwright's is absent or does not start", () => {
    const { probes } = machine({ working: [DEBIAN_CHROMIUM] });
    expect(findChromium(probes)?.path).toBe(DEBIAN_CHROMIUM);
  });

  it("lets CHROMIUM_PATH win over Playwright's, and replace Debian's path", () => {
    expect(findChromium(machine({ chromiumPath: "/opt/chromium/chrome", working: ["/opt/chromium/chrome", PLAYWRIGHT_CHROMIUM] }).probes)?.path).toBe("/opt/chromium/chrome");
    expect(findChromium(machine({ chromiumPath: "/missing/chrome", working: [PLAYWRIGHT_CHROMIUM] }).probes)?.path).toBe(PLAYWRIGHT_CHROMIUM);
    expect(findChromium(machine({ chromiumPath: "/missing/chrome", working: [DEBIAN_CHROMIUM] }).probes)).toBeUndefined();
  });
});

describe("ensureChromium", () => {
  it("uses a browser that is already there and runs nothing", async () => {
    const { probes, ran, lines } = machine({ working: [DEBIAN_CHROMIUM], isRoot: true, apt: true });
    expect(await ensureChromium(probes)).toEqual({ path: DEBIAN_CHROMIUM, name: "Debian's Chromium" });
    expect(ran).toEqual([]);
    expect(lines).toEqual([`chromium: using Debian's Chromium at ${DEBIAN_CHROMIUM}`]);
  });

  it("downloads Playwright's Chromium, bounded, where the download works", async () => {
    const { probes, ran, lines } = machine({ commands: { download: { ok: true, installs: PLAYWRIGHT_CHROMIUM } } });
    expect((await ensureChromium(probes))?.path).toBe(PLAYWRIGHT_CHROMIUM);
    expect(ran).toEqual([`node_modules/.bin/playwright install chromium (${DOWNLOAD_TIMEOUT_MS / 1000} s)`]);
    expect(lines.at(-1)).toBe(`chromium: using Playwright's Chromium at ${PLAYWRIGHT_CHROMIUM}`);
  });

  it("asks Playwright for the browser's system libraries too when root with apt", async () => {
    const { probes, ran } = machine({ isRoot: true, apt: true, commands: { download: { ok: true, installs: PLAYWRIGHT_CHROMIUM } } });
    await ensureChromium(probes);
    expect(ran).toEqual([`node_modules/.bin/playwright install chromium --with-deps (${DOWNLOAD_TIMEOUT_MS / 1000} s)`]);
  });

  it("installs Debian's with apt-get update then install when root and the download fails", async () => {
    const { probes, ran, lines } = machine({
      isRoot: true,
      apt: true,
      commands: { ...offline, "apt-get update": { ok: true }, "apt-get install": { ok: true, installs: DEBIAN_CHROMIUM } },
    });
    expect((await ensureChromium(probes))?.path).toBe(DEBIAN_CHROMIUM);
    expect(ran.slice(1)).toEqual(["apt-get -o DPkg::Lock::Timeout=120 update (300 s)", "apt-get -o DPkg::Lock::Timeout=120 install -y chromium (600 s)"]);
    expect(lines).toEqual([
      `chromium: none that starts (${PLAYWRIGHT_CHROMIUM}, ${DEBIAN_CHROMIUM}); trying \`npx playwright install chromium --with-deps\` (gives up after 5 min)`,
      "chromium: Playwright's download gave no working browser (Error: getaddrinfo ENOTFOUND cdn.playwright.dev)",
      "chromium: apt-get update",
      "chromium: apt-get install -y chromium",
      `chromium: using Debian's Chromium at ${DEBIAN_CHROMIUM}`,
    ]);
  });

  it("goes on to apt when the download succeeds but the browser does not start (libraries missing)", async () => {
    const { probes, ran } = machine({
      isRoot: true,
      apt: true,
      commands: { download: { ok: true }, "apt-get update": { ok: true }, "apt-get install": { ok: true, installs: DEBIAN_CHROMIUM } },
    });
    expect((await ensureChromium(probes))?.path).toBe(DEBIAN_CHROMIUM);
    expect(ran).toHaveLength(3);
  });

  it("stops after a failed apt-get update with one line saying what to do", async () => {
    const { probes, ran, lines } = machine({ isRoot: true, apt: true, commands: { ...offline, "apt-get update": { ok: false, detail: "E: Could not get lock" } } });
    expect(await ensureChromium(probes)).toBeUndefined();
    expect(ran).toHaveLength(2);
    expect(lines.slice(-2)).toEqual([
      "chromium: apt-get update failed (E: Could not get lock)",
      "chromium: no browser for the e2e tests. To get one, fix apt-get (its error is above), then run `apt-get install -y chromium`.",
    ]);
  });

  it("does not try apt when not root, and says to install Debian's with sudo", async () => {
    const { probes, ran, lines } = machine({ apt: true, commands: offline });
    expect(await ensureChromium(probes)).toBeUndefined();
    expect(ran).toEqual([`node_modules/.bin/playwright install chromium (${DOWNLOAD_TIMEOUT_MS / 1000} s)`]);
    expect(lines.at(-1)).toBe("chromium: no browser for the e2e tests. To get one, install Chromium as root: `sudo apt-get install -y chromium`.");
  });

  it("without apt, says to install Chromium and name it in CHROMIUM_PATH", async () => {
    const { probes, ran, lines } = machine({ isRoot: true, commands: offline });
    expect(await ensureChromium(probes)).toBeUndefined();
    expect(ran).toHaveLength(1);
    expect(lines.at(-1)).toBe(
      "chromium: no browser for the e2e tests. To get one, install Chromium and set CHROMIUM_PATH to its binary (or run `npx playwright install --with-deps chromium` where the internet is reachable).",
    );
  });

  it("names a CHROMIUM_PATH that does not start, even after apt installed Debian's", async () => {
    const { probes, lines } = machine({
      chromiumPath: "/missing/chrome",
      isRoot: true,
      apt: true,
      commands: { ...offline, "apt-get update": { ok: true }, "apt-get install": { ok: true, installs: DEBIAN_CHROMIUM } },
    });
    expect(await ensureChromium(probes)).toBeUndefined();
    expect(lines[0]).toContain("none that starts (/missing/chrome, " + PLAYWRIGHT_CHROMIUM + ")");
    expect(lines.at(-1)).toBe("chromium: no browser for the e2e tests. CHROMIUM_PATH=/missing/chrome does not start: point it at a Chromium binary or unset it.");
  });

  it("prints exactly one line per step and a single closing line on failure", async () => {
    const { probes, lines } = machine({ apt: true, commands: offline });
    await ensureChromium(probes);
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
  });
});
