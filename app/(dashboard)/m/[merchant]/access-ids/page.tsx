import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listAccessIdHistory } from "@/lib/dal/access-id-history";
import { getAccessIdOverview } from "@/lib/dal/access-ids";
import { parsePageParams } from "@/lib/validation/table-state";
import { AccessIdActions } from "./_components/access-id-actions";
import { AccessIdHistoryTable } from "./_components/access-id-history";
import { AccessIdNotices } from "./_components/access-id-notices";
import { AccessIdSummary } from "./_components/access-id-summary";

export const metadata = { title: "Access IDs" };

interface PageProps {
  params: Promise<{ merchant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function MerchantAccessIdsPage({ params, searchParams }: PageProps) {
  const viewer = await requirePermission("access-ids:read");
  const { merchant: slug } = await params;
  const pageParams = parsePageParams(await searchParams);
  // The overview first: loading it may recover an interrupted rotation, which the history then shows.
  const overview = await getAccessIdOverview(viewer, slug);
  const history = await listAccessIdHistory(viewer, slug, pageParams);
  const base = `/m/${overview.merchant.slug}/access-ids`;
  // Cosmetic only: every action checks its permission again on the server.
  const allowed = {
    validate: can(viewer.role, "access-ids:validate"),
    testRequest: can(viewer.role, "access-ids:test-request"),
    rotate: can(viewer.role, "access-ids:rotate"),
    expire: can(viewer.role, "access-ids:expire"),
    recover: can(viewer.role, "access-ids:recover"),
  };

  return (
    <>
      <PageHeader title="Access IDs" description={`${overview.merchant.name} · the ClientPay access ID every ClientPay call for this account rides on`} />
      <div className="flex flex-col gap-6">
        <AccessIdNotices overview={overview} canIssue={allowed.rotate} />
        <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
          <AccessIdSummary overview={overview} />
          {Object.values(allowed).some(Boolean) && (
            <AccessIdActions slug={overview.merchant.slug} allowed={allowed} usable={overview.usable} rotating={!!overview.rotationInProgress} />
          )}
        </div>
        <Card>
          <CardHeader>
            <CardTitle>History</CardTitle>
          </CardHeader>
          {history.items.length === 0 ? <p className="p-6 text-sm text-slate-600">No access-ID events for this account yet.</p> : <AccessIdHistoryTable rows={history.items} />}
          <TablePager
            page={history.page}
            pageSize={history.pageSize}
            total={history.total}
            hrefFor={(target) => `${base}?page=${target}&pageSize=${history.pageSize}`}
            action={base}
            hidden={{ pageSize: history.pageSize }}
          />
        </Card>
      </div>
    </>
  );
}
