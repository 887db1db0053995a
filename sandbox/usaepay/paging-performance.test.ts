import { describe, expect, it } from "vitest";
import { testEmulator } from "./test-helpers";

// A 1000-row page must cost the same at any offset: rows are generated from their index, never
// scanned. Counted here as rows built per page (bench/usaepay-emulator.ts measures milliseconds
// over HTTP; timing belongs there, not in a suite that shares its CPU).
describe("1000-row pages at any offset", () => {
  it("builds about one generated row per listed row, at offset 0 and at offset 103,000 alike", async () => {
    const { api, emulator } = testEmulator();
    const store = emulator.state.merchants.get("operating");
    if (!store) throw new Error("operating merchant missing");
    const buildsFor = async (offset: number) => {
      const before = store.generatedRowBuilds;
      const res = await api("GET", `/api/v2/transactions?limit=1000&offset=${offset}`);
      expect(res.json.data).toHaveLength(1000);
      return store.generatedRowBuilds - before;
    };
    const first = await buildsFor(0);
    const deep = await buildsFor(103_000);
    // Each row is built once; a row with a generated refund builds that refund once more to list it.
    for (const builds of [first, deep]) {
      expect(builds).toBeGreaterThanOrEqual(1000);
      expect(builds).toBeLessThan(1100);
    }
    expect(Math.abs(deep - first)).toBeLessThan(50);
  });
});
