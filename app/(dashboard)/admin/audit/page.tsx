import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/data-table/pagination";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/dal/audit";
import { formatDateTime } from "@/lib/format";
import { parsePageParams } from "@/lib/validation/table-state";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("audit:read");
  const params = parsePageParams(await searchParams);
  const { items, total, page, pageSize } = await listAuditEvents(viewer, params);

  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, change and key operation, newest first. Entries cannot be edited or deleted." />
      <Card>
        {items.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No audit events yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2">Time</th>
                  <th scope="col" className="px-4 py-2">Actor</th>
                  <th scope="col" className="px-4 py-2">Action</th>
                  <th scope="col" className="px-4 py-2">Outcome</th>
                  <th scope="col" className="px-4 py-2">Target</th>
                  <th scope="col" className="px-4 py-2">IP</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((event) => (
                  <tr key={event.id}>
                    <td className="whitespace-nowrap px-4 py-2">{formatDateTime(event.at)}</td>
                    <td className="px-4 py-2">{event.actorEmail ?? "system"}</td>
                    <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
                    <td className="px-4 py-2">
                      <Badge tone={event.outcome === "success" ? "good" : "bad"}>{event.outcome}</Badge>
                    </td>
                    <td className="px-4 py-2 text-slate-600">{event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : "—"}</td>
                    <td className="px-4 py-2 text-slate-600">{event.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pageSize={pageSize} total={total} hrefFor={(target) => `/admin/audit?page=${target}&pageSize=${pageSize}`} />
      </Card>
    </>
  );
}
