"use server";

import { z } from "zod";
import { startSync } from "@/lib/dal/sync";
import { defineAction } from "./define-action";

/** Refresh on the tables' header: start this account's sync now (progress is polled separately). */
export const refreshMirrorAction = defineAction({
  name: "sync.refresh",
  permission: "sync:run",
  schema: z.object({ merchant: z.string().min(1).max(100) }),
  handler: async (viewer, input) => {
    await startSync(viewer, input.merchant);
    return { status: "success", message: "Sync started." };
  },
});
