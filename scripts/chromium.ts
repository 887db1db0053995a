/**
 * Which Chromium the e2e suite drives, and how `npm test` gets one on a bare machine.
 * playwright.config.ts uses findChromium; scripts/ensure-chromium.ts runs ensureChromium
 * first, so the browser the script provides is the one the config picks.
 *
 * Order: an explicit CHROMIUM_PATH, else Playwright's own Chromium, else Debian's at
 * /usr/bin/chromium. When none of them starts: download Playwright's (bounded; it works
 * where the internet is reachable), else, as root with apt, install Debian's, else stop
 * with one line that says what to install. Everything the machine is asked goes through
 * ChromiumProbes, so the decisions are unit-tested without a browser or apt.
 */

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
/** The download is ~170 MB; past this we stop waiting and try apt. */
export const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
const APT_UPDATE_TIMEOUT_MS = 5 * 60_000;
const APT_INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface ChromiumLookup {
  /** CHROMIUM_PATH (environment first, then .env); empty when unset. */
  chromiumPath: string;
  /** Where Playwright keeps its own Chromium for this version (installed or not). */
  playwrightPath(): string | undefined;
  /** True when the file exists and starts (`--version` answers): a browser missing its libraries does not count. */
  starts(path: string): boolean;
}

export interface ChromiumProbes extends ChromiumLookup {
  isRoot: boolean;
  hasApt(): boolean;
  run(command: string, args: string[], timeoutMs: number): Promise<{ ok: boolean; detail: string }>;
  log(line: string): void;
}

export interface FoundChromium {
  path: string;
  /** "Playwright's Chromium", "Debian's Chromium" or "the Chromium in CHROMIUM_PATH". */
  name: string;
}

function candidates(lookup: ChromiumLookup): FoundChromium[] {
  const playwrightPath = lookup.playwrightPath();
  const playwright = playwrightPath ? [{ path: playwrightPath, name: "Playwright's Chromium" }] : [];
  if (lookup.chromiumPath) return [{ path: lookup.chromiumPath, name: "the Chromium in CHROMIUM_PATH" }, ...playwright];
  return [...playwright, { path: DEBIAN_CHROMIUM, name: "Debian's Chromium" }];
}

/** The first Chromium here that starts, without installing anything. */
export function findChromium(lookup: ChromiumLookup): FoundChromium | undefined {
  return candidates(lookup).find((candidate) => lookup.starts(candidate.path));
}

/** Finds or installs a Chromium, printing one line per step; undefined when none could be had. */
export async function ensureChromium(probes: ChromiumProbes): Promise<FoundChromium | undefined> {
  const chosen = (found: FoundChromium) => {
    probes.log(`chromium: using ${found.name} at ${found.path}`);
    return found;
  };
  let found = findChromium(probes);
  if (found) return chosen(found);

  const checked = candidates(probes).map((candidate) => candidate.path).join(", ");
  const asRootWithApt = probes.isRoot && probes.hasApt();
  // As root, Playwright can also install the system libraries its browser needs.
  const download = ["install", "chromium", ...(asRootWithApt ? ["--with-deps"] : [])];
  probes.log(`chromium: none that starts (${checked}); trying \`npx playwright ${download.join(" ")}\` (gives up after ${DOWNLOAD_TIMEOUT_MS / 60_000} min)`);
  const downloaded = await probes.run("node_modules/.bin/playwright", download, DOWNLOAD_TIMEOUT_MS);
  found = findChromium(probes);
  if (found) return chosen(found);
  probes.log(`chromium: Playwright's download gave no working browser (${downloaded.detail || "it does not start"})`);

  let apt: AptOutcome = "not tried";
  if (asRootWithApt) {
    apt = "installed";
    const steps: [string[], number][] = [
      [["update"], APT_UPDATE_TIMEOUT_MS],
      [["install", "-y", "chromium"], APT_INSTALL_TIMEOUT_MS],
    ];
    for (const [args, timeoutMs] of steps) {
      probes.log(`chromium: apt-get ${args.join(" ")}`);
      // Waits for a held dpkg lock instead of failing at once; the timeout still bounds it.
      const result = await probes.run("apt-get", ["-o", "DPkg::Lock::Timeout=120", ...args], timeoutMs);
      if (!result.ok) {
        probes.log(`chromium: apt-get ${args.join(" ")} failed (${result.detail})`);
        apt = "failed";
        break;
      }
    }
    found = findChromium(probes);
    if (found) return chosen(found);
  }

  probes.log(`chromium: no browser for the e2e tests. ${whatToInstall(probes, apt)}`);
  return undefined;
}

type AptOutcome = "not tried" | "failed" | "installed";

/** The one line a person needs when nothing worked. */
function whatToInstall(probes: ChromiumProbes, apt: AptOutcome): string {
  const override = probes.chromiumPath ? `CHROMIUM_PATH=${probes.chromiumPath} does not start: point it at a Chromium binary or unset it` : undefined;
  if (apt === "installed") return `${override ?? `apt-get installed chromium, but ${DEBIAN_CHROMIUM} does not start`}.`;
  const install =
    apt === "failed"
      ? "fix apt-get (its error is above), then run `apt-get install -y chromium`"
      : probes.hasApt()
        ? "install Chromium as root: `sudo apt-get install -y chromium`"
        : "install Chromium and set CHROMIUM_PATH to its binary (or run `npx playwright install --with-deps chromium` where the internet is reachable)";
  return override ? `${override}, or ${install}.` : `To get one, ${install}.`;
}
