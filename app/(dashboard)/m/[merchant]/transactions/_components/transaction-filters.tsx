import Form from "next/form";
import { AmountRangeFields, FilterFooter, FilterProblem, problemProps } from "@/components/data-table/table-filter-parts";
import { Input, NativeSelect } from "@/components/ui/input";
import { FIRST_DAY, LAST_DAY } from "@/lib/validation/days";
import { TRANSACTION_TYPES } from "@/lib/validation/transaction-types";
import { amountText, CARD_TYPES, TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";

/** A GET form: submitting writes the filters into the URL (page back to 1, sort kept). */
export function TransactionFilters({ base, query, problems = {} }: { base: string; query: TransactionQuery; problems?: Record<string, string> }) {
  const field = "flex flex-col gap-1 text-xs font-medium text-slate-600";
  return (
    <Form action={base} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-10" data-testid="transaction-filters">
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
      <label className={field}>
        From
        <Input name="from" type="date" min={FIRST_DAY} max={LAST_DAY} defaultValue={query.from ?? ""} data-testid="filter-from" {...problemProps(problems, "from")} />
        <FilterProblem problems={problems} name="from" />
      </label>
      <label className={field}>
        To
        <Input name="to" type="date" min={FIRST_DAY} max={LAST_DAY} defaultValue={query.to ?? ""} data-testid="filter-to" {...problemProps(problems, "to")} />
        <FilterProblem problems={problems} name="to" />
      </label>
      <AmountRangeFields min={amountText(query.min)} max={amountText(query.max)} problems={problems} />
      <FilterFooter base={base} sort={query.sort} dir={query.dir} pageSize={query.pageSize} className="md:col-span-4 xl:col-span-10" />
    </Form>
  );
}
