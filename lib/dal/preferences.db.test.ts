import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deleteView, getHiddenColumns, listSavedViews, saveHiddenColumns, saveView } from "./preferences";
import { getProfile, saveBrowserTimeZone, updateTimeZone } from "./profile";
import { makeViewer, META } from "./test-fixtures";

describe("table preferences and the profile's time zone", () => {
  it("remembers hidden columns per user and table, keeping only real ones and never all", async () => {
    const viewer = await makeViewer("VIEWER");
    expect(await getHiddenColumns(viewer, "transactions")).toEqual([]);
    expect(await saveHiddenColumns(viewer, "transactions", ["card", "nonsense", "card"], META)).toEqual(["card"]);
    expect(await getHiddenColumns(viewer, "transactions")).toEqual(["card"]);
    expect(await getHiddenColumns(viewer, "customers")).toEqual([]);
    expect(await saveHiddenColumns(viewer, "transactions", ["created", "refnum", "cardholder", "card", "status", "type", "amount"], META)).toEqual([]);
    expect(await getHiddenColumns(await makeViewer("VIEWER"), "transactions")).toEqual([]);
  });

  it("saves views as the table's normalised link, refuses a duplicate name, and deletes only one's own", async () => {
    const viewer = await makeViewer("MANAGER");
    const view = await saveView(viewer, "transactions", "Settled Visa", "?status=settled&card=Visa&page=7&junk=1&sort=created", META);
    expect(view.query).toBe("status=settled&card=Visa");
    await expect(saveView(viewer, "transactions", "Settled Visa", "status=voided", META)).rejects.toThrow(/already have a view/);
    expect((await listSavedViews(viewer, "transactions")).map((saved) => saved.name)).toEqual(["Settled Visa"]);
    const stranger = await makeViewer("MANAGER");
    await expect(deleteView(stranger, view.id, META)).rejects.toThrow(/no longer exists/);
    await deleteView(viewer, view.id, META);
    expect(await listSavedViews(viewer, "transactions")).toEqual([]);
    expect(await db.auditEvent.count({ where: { actorId: viewer.id, action: { startsWith: "preferences.view_" } } })).toBe(2);
  });

  it("saves the browser's zone only while none is chosen, and audits the profile's change", async () => {
    const viewer = await makeViewer("VIEWER");
    expect((await getProfile(viewer)).timeZone).toBeNull();
    expect(await saveBrowserTimeZone(viewer, "Europe/Berlin", META)).toBe(true);
    expect(await saveBrowserTimeZone(viewer, "Asia/Tokyo", META)).toBe(false);
    expect((await getProfile(viewer)).timeZone).toBe("Europe/Berlin");
    await updateTimeZone(viewer, "America/Chicago", META);
    expect((await getProfile(viewer)).timeZone).toBe("America/Chicago");
    await expect(updateTimeZone(viewer, "Mars/Base", META)).rejects.toThrow(/time zone/);
    const changes = await db.auditEvent.findMany({ where: { actorId: viewer.id, action: "user.time_zone" }, orderBy: { at: "asc" } });
    expect(changes.map((change) => change.details)).toEqual(
      expect.arrayContaining([
        { before: { timeZone: null }, after: { timeZone: "Europe/Berlin" }, via: "browser" },
        { before: { timeZone: "Europe/Berlin" }, after: { timeZone: "America/Chicago" } },
      ]),
    );
    expect(changes).toHaveLength(2);
  });
});
