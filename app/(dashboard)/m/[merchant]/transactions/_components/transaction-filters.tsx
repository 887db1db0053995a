import Form from "next/form";
import { AmountRangeFields, DateRangeFields, FilterFooter, filterLabel } from "@/components/data-table/table-filter-parts";
import { Input, NativeSelect } from "@/components/ui/input";
import { TRANSACTION_TYPES } from "@/lib/validation/transaction-types";
import { amountText, CARD_TYPES, TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";

/** A GET form: submitting writes the filters into the URL (page back to 1, sort kept). */
export function TransactionFilters({ base, query, problems = {} }: { base: string; query: TransactionQuery; problems?: Record<string, string> }) {
  const field = filterLabel;
  // Keyed by the state: a link to other filters (a saved view) remounts the fields with its values.
  return (
    <Form key={JSON.stringify(query)} action={base} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-10" data-testid="transaction-filters">
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
        Type
        <NativeSelect name="type" defaultValue={query.type ?? ""} data-testid="filter-type">
          <option value="">Any</option>
          {Object.entries(TRANSACTION_TYPES).map(([value, { label }]) => (
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
      <DateRangeFields from={query.from} to={query.to} problems={problems} />
      <AmountRangeFields min={amountText(query.min)} max={amountText(query.max)} problems={problems} />
      <FilterFooter base={base} sort={query.sort} dir={query.dir} pageSize={query.pageSize} className="md:col-span-4 xl:col-span-10" />
    </Form>
  );
}
