import { Pagination } from "@/components/data-table/pagination";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import type { AccessIdEventDto } from "@/lib/dal/access-id-history";
import { formatDateTime } from "@/lib/format";
import type { Paged } from "@/lib/validation/table-state";

/** Every access-ID event for the account, from the audit log; the URL holds the page. */
export function AccessIdHistory({ history, slug }: { history: Paged<AccessIdEventDto>; slug: string }) {
  const { items, total, page, pageSize } = history;
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
      </CardHeader>
      {items.length === 0 ? (
        <p className="p-6 text-sm text-slate-600">No access-ID events for this account yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="access-id-history">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Time</th>
                <th scope="col" className="px-4 py-2">Event</th>
                <th scope="col" className="px-4 py-2">Actor</th>
                <th scope="col" className="px-4 py-2">IP</th>
                <th scope="col" className="px-4 py-2">Outcome</th>
                <th scope="col" className="px-4 py-2">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((event) => (
                <tr key={event.id} data-testid="access-id-event" data-action={event.action} data-outcome={event.outcome}>
                  <td className="whitespace-nowrap px-4 py-2">{formatDateTime(event.at)}</td>
                  <td className="px-4 py-2">{event.label}</td>
                  <td className="px-4 py-2">{event.actorEmail ?? "system"}</td>
                  <td className="px-4 py-2 text-slate-600">{event.ip ?? "—"}</td>
                  <td className="px-4 py-2">
                    <Badge tone={event.outcome === "success" ? "good" : "bad"}>{event.outcome}</Badge>
                  </td>
                  <td className="px-4 py-2 text-slate-600">{event.summary || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} hrefFor={(target) => `/m/${slug}/access-ids?page=${target}&pageSize=${pageSize}`} />
    </Card>
  );
}
