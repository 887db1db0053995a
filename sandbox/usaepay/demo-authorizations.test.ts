import { describe, expect, it } from "vitest";
import { testEmulator, type Wire } from "./test-helpers";

/**
 * The demo needs authorizations to capture: part of the newest day's card sales are still
 * auth-only (queued, outside any batch), and older days have none (their auths were captured).
 */
describe("demo authorizations in the open day", () => {
  it("the newest day has some queued auth-only card sales, outside the open batch, that capture into it", async () => {
    const { api } = testEmulator();
    const page = (await api("GET", "/api/v2/transactions?limit=1000")).json.data as Wire[];
    const current = (await api("GET", "/api/v2/batches/current")).json;
    const auths = page.filter((tx) => tx.trantype_code === "A");
    expect(auths.length).toBeGreaterThan(3);
    for (const auth of auths) {
      expect(auth).toMatchObject({ status_code: "N", result_code: "A", available_actions: ["capture", "void", "void:release"] });
      expect(auth.batch).toBeUndefined();
      expect(auth.refunds).toBeUndefined();
    }
    // Every one is from the open batch's day: older days' rows carry a closed batch.
    const oldest = auths.at(-1);
    const openDay = page.filter((tx) => tx.batch?.key === current.key);
    expect(Date.parse(oldest.created.replace(" ", "T"))).toBeGreaterThanOrEqual(Math.min(...openDay.map((tx) => Date.parse(tx.created.replace(" ", "T")))) - 86_400_000);

    const captured = await api("POST", "/api/v2/transactions", { body: { command: "cc:capture", trankey: auths[0].key } });
    expect(captured.json).toMatchObject({ result_code: "A", batch: { key: current.key } });
    const after = (await api("GET", "/api/v2/batches/current")).json;
    expect(after.sales_count).toBe((current.sales_count ?? 0) + 1);
  });

  it("keeps the generated history consistent: no auth-only is the original of a generated refund", async () => {
    const { api } = testEmulator();
    const rows = (await api("GET", "/api/v2/transactions?limit=1000")).json.data as Wire[];
    const authKeys = new Set(rows.filter((tx) => tx.trantype_code === "A").map((tx) => tx.key));
    expect(rows.filter((tx) => tx.refund_of && authKeys.has(tx.refund_of.key))).toEqual([]);
  });
});
