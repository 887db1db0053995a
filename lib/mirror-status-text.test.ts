import { describe, expect, it } from "vitest";
import { firstSyncNotice, syncAgeText, syncProgress, type MirrorResourceState } from "./mirror-status-text";

const state = (changes: Partial<MirrorResourceState>): MirrorResourceState => ({ status: "idle", mode: "incremental", processed: 0, upstreamTotal: 104_000, mirrored: 104_000, lastSuccessAt: null, ...changes });

describe("mirror status text", () => {
  it("says how long ago the last sync finished, on the clock it is given", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    expect(syncAgeText(null, now)).toBe("not synced yet");
    expect(syncAgeText("2026-12-02T09:59:30Z", now)).toBe("synced 30 s ago");
    expect(syncAgeText("2026-12-02T09:45:00Z", now)).toBe("synced 15 min ago");
    expect(syncAgeText("2026-12-02T07:00:00Z", now)).toBe("synced 3 h ago");
    expect(syncAgeText("2026-12-02T10:00:05Z", now)).toBe("synced 0 s ago");
  });

  it("shows progress only for a resource whose own sync runs (an idle table shows none)", () => {
    expect(syncProgress("customers", state({ status: "idle", processed: 1000, upstreamTotal: 2600 }))).toBeNull();
    expect(syncProgress("customers", state({ status: "waiting" }))).toBeNull();
  });

  it("fills a bar during the first sync, and counts an incremental run without pretending to know its end", () => {
    expect(syncProgress("transactions", state({ status: "running", mode: "full", mirrored: 45_000 }))).toEqual({ label: "First sync: 45,000 of 104,000 transactions", value: 45_000, max: 104_000 });
    expect(syncProgress("transactions", state({ status: "running", mode: "full", mirrored: 1000, upstreamTotal: null }))).toEqual({ label: "First sync: 1,000 transactions so far" });
    expect(syncProgress("transactions", state({ status: "running", mode: "incremental", processed: 1000 }))).toEqual({ label: "Checking for new and changed transactions: 1,000 read" });
  });

  it("tells the table that older rows are still arriving until the first sync is done, running or paused", () => {
    expect(firstSyncNotice("transactions", state({ mode: "full", status: "running", mirrored: 45_000 }))).toBe("First sync: 45,000 of 104,000 so far — older transactions are still arriving.");
    expect(firstSyncNotice("transactions", state({ mode: "full", status: "waiting", mirrored: 45_000 }))).toMatch(/still arriving/);
    expect(firstSyncNotice("transactions", state({ mode: "full", mirrored: 2000, upstreamTotal: null }))).toBe("First sync: 2,000 so far — older transactions are still arriving.");
    expect(firstSyncNotice("transactions", state({ mode: "full", mirrored: 0 }))).toBeNull();
    expect(firstSyncNotice("transactions", state({ mode: "incremental", mirrored: 104_000 }))).toBeNull();
  });
});
