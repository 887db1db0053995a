import Form from "next/form";
import Link from "next/link";
import { DateRangeFields, PageSizeField } from "@/components/data-table/table-filter-parts";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import type { AuditFilterOptions } from "@/lib/dal/audit";
import type { AuditQuery } from "@/lib/validation/audit";

/** A GET form: the filters go into the URL (page back to 1), so a finding is a link. */
export function AuditFilters({ base, query, options }: { base: string; query: AuditQuery; options: AuditFilterOptions }) {
  const field = "flex flex-col gap-1 text-xs font-medium text-slate-600";
  // Keyed by the state: a link to other filters (a saved view) remounts the fields with its values.
  return (
    <Form key={JSON.stringify(query)} action={base} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8" data-testid="audit-filters">
      <label className={`${field} col-span-2`}>
        Search
        <Input name="q" type="search" defaultValue={query.q} placeholder="Email, ref #, action, reason…" data-testid="audit-filter-q" />
      </label>
      <label className={`${field} col-span-2`}>
        Actor
        <Input name="actor" type="search" list="audit-actors" defaultValue={query.actor} placeholder="Email" autoComplete="off" data-testid="audit-filter-actor" />
        <datalist id="audit-actors">
          {options.actors.map((actor) => (
            <option key={actor} value={actor} />
          ))}
        </datalist>
      </label>
      <label className={field}>
        Action
        <NativeSelect name="action" defaultValue={query.action} data-testid="audit-filter-action">
          <option value="">Any</option>
          {options.actions.map((action) => (
            <option key={action}>{action}</option>
          ))}
        </NativeSelect>
      </label>
      <label className={field}>
        Account
        <NativeSelect name="account" defaultValue={query.account} data-testid="audit-filter-account">
          <option value="">Any</option>
          {options.accounts.map((account) => (
            <option key={account.slug} value={account.slug}>
              {account.name}
            </option>
          ))}
        </NativeSelect>
      </label>
      <label className={field}>
        Outcome
        <NativeSelect name="outcome" defaultValue={query.outcome ?? ""} data-testid="audit-filter-outcome">
          <option value="">Any</option>
          <option value="success">Success</option>
          <option value="failure">Failure</option>
        </NativeSelect>
      </label>
      <DateRangeFields from={query.from} to={query.to} testIdPrefix="audit-filter" />
      <div className="col-span-2 flex items-end gap-2 md:col-span-4 xl:col-span-8">
        <PageSizeField value={query.pageSize} />
        <Button type="submit" data-testid="audit-filter-apply">
          Apply
        </Button>
        <Link href={base} className="px-2 py-2 text-sm text-brand-700 hover:underline">
          Reset
        </Link>
      </div>
    </Form>
  );
}
