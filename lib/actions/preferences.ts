"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveBrowserTimeZone, updateTimeZone } from "@/lib/dal/profile";
import { deleteView, saveHiddenColumns, saveView } from "@/lib/dal/preferences";
import { timeZoneSchema } from "@/lib/validation/time-zone";
import { deleteViewSchema, hiddenColumnsSchema, saveViewSchema } from "@/lib/validation/table-choices";
import { defineAction } from "./define-action";

/** The column chooser: which columns of a table this user hides. */
export const saveHiddenColumnsAction = defineAction({
  name: "preferences.columns",
  permission: "profile:update",
  schema: hiddenColumnsSchema,
  handler: async (viewer, input, meta) => {
    await saveHiddenColumns(viewer, input.table, input.hidden, meta);
    return { status: "success" };
  },
});

/** Saves the table's current filters under a name (the page sends its own query string). */
export const saveViewAction = defineAction({
  name: "preferences.view_save",
  permission: "profile:update",
  schema: saveViewSchema,
  handler: async (viewer, input, meta) => {
    const view = await saveView(viewer, input.table, input.name, input.query, meta);
    revalidatePath("/", "layout");
    return { status: "success", message: `Saved the view “${view.name}”.` };
  },
});

export const deleteViewAction = defineAction({
  name: "preferences.view_delete",
  permission: "profile:update",
  schema: deleteViewSchema,
  handler: async (viewer, input, meta) => {
    await deleteView(viewer, input.viewId, meta);
    revalidatePath("/", "layout");
    return { status: "success", message: "View deleted." };
  },
});

/** The profile page's time zone. */
export const updateTimeZoneAction = defineAction({
  name: "profile.time_zone",
  permission: "profile:update",
  schema: z.object({ timeZone: timeZoneSchema }),
  handler: async (viewer, input, meta) => {
    await updateTimeZone(viewer, input.timeZone, meta);
    revalidatePath("/", "layout");
    return { status: "success", message: `Dates now show in ${input.timeZone}.` };
  },
});

/** The browser's zone, sent once by the shell while the user has none saved. */
export const saveBrowserTimeZoneAction = defineAction({
  name: "profile.browser_time_zone",
  permission: "profile:update",
  schema: z.object({ timeZone: timeZoneSchema }),
  handler: async (viewer, input, meta) => {
    const saved = await saveBrowserTimeZone(viewer, input.timeZone, meta);
    return { status: "success", message: saved ? "saved" : "kept" };
  },
});
