import Form from "next/form";
import { AmountRangeFields, ChoiceFilter, DateRangeFields, FilterFooter, filterLabel } from "@/components/data-table/table-filter-parts";
import { Input } from "@/components/ui/input";
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
      <ChoiceFilter label="Status" name="status" value={query.status} choices={Object.entries(TRANSACTION_STATUSES).map(([value, { label }]) => [value, label] as const)} testId="filter-status" />
      <ChoiceFilter label="Type" name="type" value={query.type} choices={Object.entries(TRANSACTION_TYPES).map(([value, { label }]) => [value, label] as const)} testId="filter-type" />
      <ChoiceFilter label="Card type" name="card" value={query.card} choices={CARD_TYPES} testId="filter-card" />
      <DateRangeFields from={query.from} to={query.to} problems={problems} />
      <AmountRangeFields min={amountText(query.min)} max={amountText(query.max)} problems={problems} />
      <FilterFooter base={base} sort={query.sort} dir={query.dir} pageSize={query.pageSize} className="md:col-span-4 xl:col-span-10" />
    </Form>
  );
}
