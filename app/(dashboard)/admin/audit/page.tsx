import { forbidden } from "next/navigation";
import { zoneOf } from "@/lib/auth/viewer";
import Link from "next/link";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/dal/audit";
import { auditHref, isAuditFiltered, parseAuditQuery } from "@/lib/validation/audit";
import { TableFrame } from "../../_components/table-frame";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";

export const metadata = { title: "Audit log" };

const BASE = "/admin/audit";

/** Admins read the whole log; managers the money events of their own accounts (the DAL scopes both). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (!can(viewer.role, "audit:read") && !can(viewer.role, "audit:read-money")) forbidden();
  const query = parseAuditQuery(await searchParams);
  const [{ items, total, page, pageSize }, options] = await Promise.all([listAuditEvents(viewer, query), listAuditFilterOptions(viewer)]);
  const state = auditHref("", { ...query, page: 1 }).replace(/^\?/, "");
  const everything = can(viewer.role, "audit:read");

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          everything
            ? "Every sign-in, change, export and money movement, newest first. Entries cannot be edited or deleted."
            : "The refunds, voids and payments of your accounts, newest first. Entries cannot be edited or deleted."
        }
      />
      <AuditFilters base={BASE} query={query} options={options} />
      <TableFrame viewer={viewer} table="audit" base={BASE} query={state} exportHref={`/api/export/audit${state ? `?${state}` : ""}`}>
        <Card>
          {items.length === 0 ? (
            <p className="p-6 text-sm text-slate-600" data-testid="table-empty">
              {isAuditFiltered(query) ? (
                <>
                  No events match these filters.{" "}
                  <Link href={BASE} className="text-brand-700 hover:underline">
                    Clear them
                  </Link>
                </>
              ) : (
                "No audit events yet."
              )}
            </p>
          ) : (
            <AuditTable rows={items} zone={zoneOf(viewer)} />
          )}
          <TablePager
            page={page}
            pageSize={pageSize}
            total={total}
            hrefFor={(target) => auditHref(BASE, query, { page: target })}
            action={BASE}
            hidden={{ q: query.q, actor: query.actor, action: query.action, account: query.account, outcome: query.outcome, from: query.from, to: query.to, pageSize }}
          />
        </Card>
      </TableFrame>
    </>
  );
}
