/**
 * Sums every JSON report in reports/ (Vitest and Playwright, on every database).
 * With --ci it prints the one plain line CI reads, `N passed, N failed, N skipped`;
 * without, a line of another shape, so `npm test` inside CI cannot be mistaken for the
 * total. Exits 1 when any test failed or when no report holds a single test.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Vitest's JSON report (Jest-compatible). */
function fromVitest(report: { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number }): Counts {
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + (report.numTodoTests ?? 0) };
}

/** Playwright's JSON report: flaky tests passed on a retry; we run without retries, but count them as failures anyway. */
function fromPlaywright(report: { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }): Counts {
  return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky, skipped: report.stats.skipped };
}

export function countsOf(report: unknown): Counts {
  const value = report as Record<string, unknown>;
  if (typeof value.numPassedTests === "number") return fromVitest(value as never);
  if (value.stats && typeof (value.stats as Record<string, unknown>).expected === "number") return fromPlaywright(value as never);
  throw new Error("not a Vitest or Playwright JSON report");
}

interface PlaywrightSuite {
  title: string;
  file: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; line: number; ok: boolean; tests: { results: { status: string; error?: { message?: string } }[] }[] }[];
}

const firstLine = (message: string | undefined) => (message ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((line) => line.trim())?.trim().slice(0, 200) ?? "";

/**
 * The failed tests of a report, one line each (file:line, title, the error's first line): the
 * summary ends the log, so a failure is named where a reader of its tail looks.
 */
export function failuresOf(report: unknown): string[] {
  const value = report as Record<string, unknown>;
  if (Array.isArray(value.testResults)) {
    return (value.testResults as { name: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[]).flatMap((file) =>
      file.assertionResults.filter((test) => test.status === "failed").map((test) => `${path.relative(process.cwd(), file.name)} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`),
    );
  }
  const walk = (suite: PlaywrightSuite, titles: string[]): string[] => [
    ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => {
      const error = spec.tests.flatMap((test) => test.results).find((result) => result.error)?.error?.message;
      return `${spec.file}:${spec.line} › ${[...titles, spec.title].join(" › ")} — ${firstLine(error)}`;
    }),
    ...(suite.suites ?? []).flatMap((child) => walk(child, child.title && child.title !== child.file ? [...titles, child.title] : titles)),
  ];
  return ((value.suites as PlaywrightSuite[] | undefined) ?? []).flatMap((suite) => walk(suite, []));
}

const dir = path.resolve(import.meta.dirname, "..", "reports");
const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".json")) : [];
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const counts = countsOf(JSON.parse(readFileSync(path.join(dir, file), "utf8")));
  console.error(`  ${file}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const failure of failuresOf(JSON.parse(readFileSync(path.join(dir, file), "utf8")))) console.error(`    ✘ ${failure}`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
if (process.argv.includes("--ci")) console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
else console.log(`Totals: ${total.passed} passed · ${total.failed} failed · ${total.skipped} skipped (${files.length} reports)`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
