import Form from "next/form";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getMerchant } from "@/lib/dal/merchants";
import { listPayers } from "@/lib/dal/payers";
import { parsePayerQuery, payerHref } from "@/lib/validation/payers";
import { ClientpayAccessNotice } from "../_components/clientpay-access-notice";
import { CreatePayerForm } from "./_components/payer-forms";
import { PayersTable } from "./_components/payers-table";

export const metadata = { title: "Payers" };

/** ClientPay lists no payers: these are the ones created here and the ones seen on payments. */
export default async function PayersPage({ params, searchParams }: { params: Promise<{ merchant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("payers:read");
  const { merchant: slug } = await params;
  const merchant = await getMerchant(viewer, slug);
  const search = await searchParams;
  const query = parsePayerQuery(search);
  const page = await listPayers(viewer, slug, query);
  const base = `/m/${merchant.slug}/payers`;
  const manage = can(viewer.role, "payers:manage");

  return (
    <>
      <PageHeader title="Payers" description={`${merchant.name} · clients with ClientPay payer records and their saved payment methods`} />
      <ClientpayAccessNotice access={page.access} slug={merchant.slug} canFix={can(viewer.role, "access-ids:rotate")} />
      {search.deleted === "1" && (
        <Notice tone="success" className="mb-4" data-testid="payer-deleted">
          The payer was deleted in ClientPay and removed from Paydesk.
        </Notice>
      )}
      <div className={manage ? "grid gap-6 lg:grid-cols-[1fr_20rem]" : ""}>
        <div>
          <Form action={base} className="mb-4 flex flex-wrap items-end gap-3">
            <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
              Search
              <Input name="q" type="search" defaultValue={query.q} placeholder="Name or email" data-testid="payer-search" />
            </label>
            <Button type="submit">Search</Button>
          </Form>
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
            {page.total === 0 ? (
              <p className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
                {query.q ? "No payers match." : "No payers yet: they appear as payments arrive, or add one."}
              </p>
            ) : (
              <PayersTable base={base} query={query} rows={page.items} />
            )}
            <TablePager page={page.page} pageSize={page.pageSize} total={page.total} hrefFor={(target) => payerHref(base, query, { page: target })} action={base} hidden={{ q: query.q, sort: query.sort, dir: query.dir, pageSize: query.pageSize }} />
          </div>
        </div>
        {manage && (
          <Card className="self-start">
            <CardHeader>
              <CardTitle>Add a payer</CardTitle>
              <p className="text-sm text-slate-600">The payer adds a card or bank account afterwards, on ClientPay&apos;s own page.</p>
            </CardHeader>
            <CardBody>
              <CreatePayerForm slug={merchant.slug} />
            </CardBody>
          </Card>
        )}
      </div>
    </>
  );
}
