"use server";

import { redirect } from "next/navigation";
import { lookUpCustomerLive } from "@/lib/dal/customers";
import { lookUpTransactionLive } from "@/lib/dal/transactions";
import { lookUpLiveSchema } from "@/lib/validation/live-lookup";
import { defineAction } from "./define-action";

/** "Look up live": asks USAePay for a record the mirror has not seen; opens it when found. */
export const lookUpLiveAction = defineAction({
  name: "mirror.lookUpLive",
  permission: "mirror:lookup-live",
  schema: lookUpLiveSchema,
  handler: async (viewer, { merchant, record, key }, meta) => {
    const result = record === "transaction" ? await lookUpTransactionLive(viewer, merchant, key, meta) : await lookUpCustomerLive(viewer, merchant, key, meta);
    if (!result.found) return { status: "error", message: result.message };
    redirect(`/m/${encodeURIComponent(merchant)}/${record}s/${encodeURIComponent(key)}`);
  },
});
