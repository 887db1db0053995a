import Form from "next/form";
import Link from "next/link";
import { DateRangeFields, PageSizeField } from "@/components/data-table/filter-fields";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { amountText, CARD_TYPES, TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";

/** A GET form: submitting writes the filters into the URL (page back to 1, sort kept). */
export function TransactionFilters({ base, query }: { base: string; query: TransactionQuery }) {
  const field = "flex flex-col gap-1 text-xs font-medium text-slate-600";
  // Keyed by the state: a link to other filters (a saved view) remounts the fields with its values.
  return (
    <Form key={JSON.stringify(query)} action={base} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-9" data-testid="transaction-filters">
      <label className={`${field} col-span-2`}>
        Search
        <Input name="q" type="search" defaultValue={query.q} placeholder="Name, ref #, last 4, invoice…" data-testid="filter-q" />
      </label>
      <label className={field}>
        Status
        <NativeSelect name="status" defaultValue={query.status ?? ""} data-testid="filter-status">
          <option value="">Any</option>
          {Object.entries(TRANSACTION_STATUSES).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </label>
      <label className={field}>
        Card type
        <NativeSelect name="card" defaultValue={query.card ?? ""} data-testid="filter-card">
          <option value="">Any</option>
          {CARD_TYPES.map((card) => (
            <option key={card}>{card}</option>
          ))}
        </NativeSelect>
      </label>
      <DateRangeFields from={query.from} to={query.to} testIdPrefix="filter" />
      <label className={field}>
        Min $
        <Input name="min" inputMode="decimal" defaultValue={amountText(query.min)} data-testid="filter-min" />
      </label>
      <label className={field}>
        Max $
        <Input name="max" inputMode="decimal" defaultValue={amountText(query.max)} data-testid="filter-max" />
      </label>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div className="col-span-2 flex items-end gap-2 md:col-span-4 xl:col-span-9">
        <PageSizeField value={query.pageSize} testId="filter-page-size" />
        <Button type="submit" data-testid="filter-apply">
          Apply
        </Button>
        <Link href={base} className="px-2 py-2 text-sm text-brand-700 hover:underline" data-testid="filter-reset">
          Reset
        </Link>
      </div>
    </Form>
  );
}
