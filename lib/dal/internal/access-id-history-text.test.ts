import { describe, expect, it } from "vitest";
import { summarizeAccessIdEvent } from "./access-id-history-text";

describe("access-ID history summaries", () => {
  it("reads every stored result and reason as words, never as a code", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["access_id.recover", { before: "…a1b2", after: null, result: "none_active" }, "…a1b2 → none · ClientPay has no active id"],
      ["access_id.recover", { before: "…a1b2", after: "…a1b2", result: "unchanged" }, "…a1b2 → …a1b2 · the stored id was already current"],
      ["access_id.recover", { before: null, after: "…c3d4", result: "stored_current" }, "none → …c3d4 · stored ClientPay's current id"],
      ["access_id.validate", { hint: "…a1b2", result: "valid" }, "…a1b2 · ClientPay accepted it"],
      ["access_id.validate", { hint: "…a1b2", result: "replaced" }, "…a1b2 · ClientPay no longer accepts it: replaced by a newer id"],
      ["access_id.test_request", { hint: "…a1b2", result: "request_id_issued" }, "…a1b2 · ClientPay issued a request ID"],
      ["access_id.validate", { hint: "…a1b2", reason: "unavailable_503" }, "…a1b2 · refused: ClientPay was unavailable (HTTP 503)"],
      ["access_id.validate", { hint: "…a1b2", reason: "network" }, "…a1b2 · refused: ClientPay did not answer (timeout or network error)"],
      ["access_id.rotate", { before: null, reason: "clientpay_rate_limited" }, "refused: ClientPay's rate limit was reached"],
      ["access_id.rotate", { reason: "rotation_in_flight" }, "refused: another rotation was in progress"],
      ["access_id.rotate", { before: "…a1b2", reason: "store_failed" }, "…a1b2 → none · refused: the new id could not be stored"],
      ["access_id.rotation_recovered", { result: "new_id", startedBy: "admin@paydesk.test", trigger: "page_load" }, "ClientPay had issued a new id; stored · rotation started by admin@paydesk.test · found on page load"],
    ];
    for (const [action, details, summary] of cases) {
      const text = summarizeAccessIdEvent(action, details);
      expect(text).toBe(summary);
      expect(text).not.toMatch(/[a-z]+_[a-z]+/);
    }
  });

  it("turns a code it does not know into words too", () => {
    expect(summarizeAccessIdEvent("access_id.validate", { reason: "some_new_code" })).toBe("refused: some new code");
  });
});
