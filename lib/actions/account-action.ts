import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { RequestMeta } from "@/lib/request-meta";
import type { ActionState } from "./action-state";
import { defineAction } from "./define-action";

/**
 * An action on one merchant account's money (refund, void, charge, batch close …), built with
 * defineAction; afterwards every page of the account re-renders, so the table, the batch and the
 * record show the effect at once.
 */
export function accountAction<Schema extends z.ZodType<{ merchant: string }>>(definition: {
  name: string;
  permission: Permission;
  schema: Schema;
  run: (viewer: Viewer, input: z.infer<Schema>, meta: RequestMeta) => Promise<ActionState>;
}) {
  return defineAction({
    name: definition.name,
    permission: definition.permission,
    schema: definition.schema,
    handler: async (viewer, input, meta) => {
      const result = await definition.run(viewer, input, meta);
      revalidatePath(`/m/${input.merchant}`, "layout");
      return result;
    },
  });
}
