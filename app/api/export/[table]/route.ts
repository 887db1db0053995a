import { z } from "zod";
import { defineRoute } from "@/lib/actions/define-route";
import { startExport } from "@/lib/dal/exports";
import { exportPermission, exportTableSchema } from "@/lib/validation/table-columns";

/**
 * GET /api/export/<table>?merchant=<slug>&<the table's URL state>&columns=a,b: the whole filtered
 * set as CSV, streamed. `X-Export-Total` tells the page how many rows to expect (its progress bar).
 */
export const GET = defineRoute({
  name: "export",
  params: z.object({ table: exportTableSchema }),
  permission: (params) => exportPermission(params.table),
  handler: async (viewer, { params, searchParams }, meta) => {
    const download = await startExport(viewer, params.table, searchParams, meta);
    return new Response(download.body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${download.filename}"`,
        "cache-control": "no-store",
        "x-export-total": String(download.total),
      },
    });
  },
});
