import { Card } from "@/components/ui/card";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/dal/audit";
import { parsePageParams } from "@/lib/validation/table-state";
import { AuditTable } from "./_components/audit-table";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("audit:read");
  const params = parsePageParams(await searchParams);
  const { items, total, page, pageSize } = await listAuditEvents(viewer, params);

  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, change and key operation, newest first. Entries cannot be edited or deleted." />
      <Card>
        {items.length === 0 ? <p className="p-6 text-sm text-slate-600">No audit events yet.</p> : <AuditTable rows={items} />}
        <TablePager page={page} pageSize={pageSize} total={total} hrefFor={(target) => `/admin/audit?page=${target}&pageSize=${pageSize}`} action="/admin/audit" hidden={{ pageSize }} />
      </Card>
    </>
  );
}
