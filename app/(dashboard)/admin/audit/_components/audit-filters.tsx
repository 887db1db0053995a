import Form from "next/form";
import Link from "next/link";
import { ChoiceFilter, DateRangeFields, filterLabel, PageSizeField } from "@/components/data-table/table-filter-parts";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { AuditFilterOptions } from "@/lib/dal/audit";
import type { AuditQuery } from "@/lib/validation/audit";

const OUTCOMES = [
  ["success", "Success"],
  ["failure", "Failure"],
] as const;

/** A GET form: the filters go into the URL (page back to 1), so a finding is a link. */
export function AuditFilters({ base, query, options }: { base: string; query: AuditQuery; options: AuditFilterOptions }) {
  const field = filterLabel;
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
      <ChoiceFilter label="Action" name="action" value={query.action} choices={options.actions} testId="audit-filter-action" />
      <ChoiceFilter label="Account" name="account" value={query.account} choices={options.accounts.map((account) => [account.slug, account.name] as const)} testId="audit-filter-account" />
      <ChoiceFilter label="Outcome" name="outcome" value={query.outcome} choices={OUTCOMES} testId="audit-filter-outcome" />
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
