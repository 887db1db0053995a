"use server";

import { revalidatePath } from "next/cache";
import { expireAccessId, recoverAccessId, rotateAccessId, testRequestId, validateAccessId } from "@/lib/dal/access-ids";
import { accessIdActionSchema } from "@/lib/validation/access-ids";
import { defineAction } from "./define-action";

/**
 * Access-ID actions. Each names its own permission (checked by the wrapper and again in the
 * DAL, which also refuses an account the viewer was not granted). The account comes from the
 * form as a slug and is never trusted beyond that lookup.
 */

function pathFor(slug: string) {
  return `/m/${slug}/access-ids`;
}

export const validateAccessIdAction = defineAction({
  name: "validateAccessId",
  permission: "access-ids:validate",
  schema: accessIdActionSchema,
  handler: async (viewer, { merchant }, meta) => {
    const result = await validateAccessId(viewer, merchant, meta);
    revalidatePath(pathFor(merchant));
    return result;
  },
});

export const testRequestIdAction = defineAction({
  name: "testRequestId",
  permission: "access-ids:test-request",
  schema: accessIdActionSchema,
  handler: async (viewer, { merchant }, meta) => {
    const result = await testRequestId(viewer, merchant, meta);
    revalidatePath(pathFor(merchant));
    return result;
  },
});

export const rotateAccessIdAction = defineAction({
  name: "rotateAccessId",
  permission: "access-ids:rotate",
  schema: accessIdActionSchema,
  handler: async (viewer, { merchant }, meta) => {
    try {
      return await rotateAccessId(viewer, merchant, meta);
    } finally {
      // Also after a failure: the page shows what the journal and the stored row now say.
      revalidatePath(pathFor(merchant));
    }
  },
});

export const expireAccessIdAction = defineAction({
  name: "expireAccessId",
  permission: "access-ids:expire",
  schema: accessIdActionSchema,
  handler: async (viewer, { merchant }, meta) => {
    const result = await expireAccessId(viewer, merchant, meta);
    revalidatePath(pathFor(merchant));
    return result;
  },
});

export const recoverAccessIdAction = defineAction({
  name: "recoverAccessId",
  permission: "access-ids:recover",
  schema: accessIdActionSchema,
  handler: async (viewer, { merchant }, meta) => {
    const result = await recoverAccessId(viewer, merchant, meta);
    revalidatePath(pathFor(merchant));
    return result;
  },
});
