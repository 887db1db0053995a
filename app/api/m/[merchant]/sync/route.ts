import { z } from "zod";
import { defineRoute } from "@/lib/actions/define-route";
import { getSyncStatus } from "@/lib/dal/sync";

/**
 * GET: the mirror's sync progress for the header's polling (TanStack Query). Same data layer
 * as the pages; an account the viewer was not granted answers 404 like one that does not exist.
 */
export const GET = defineRoute({
  name: "sync.status",
  permission: ["transactions:read", "customers:read"],
  params: z.object({ merchant: z.string().min(1).max(100) }),
  handler: async (viewer, { params }) => Response.json(await getSyncStatus(viewer, params.merchant), { headers: { "cache-control": "no-store" } }),
});
