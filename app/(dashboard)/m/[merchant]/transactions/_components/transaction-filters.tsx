import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { PAGE_SIZES } from "@/lib/validation/table-state";
import { FIRST_DAY, LAST_DAY } from "@/lib/validation/days";
import { TRANSACTION_TYPES } from "@/lib/validation/transaction-types";
import { amountText, CARD_TYPES, TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";

/** The message beside a filter (from lib/validation/filter-problems.ts), tied to its input. */
function problemProps(problems: Record<string, string>, name: string) {
  return problems[name] ? { "aria-invalid": true, "aria-describedby": `filter-${name}-problem` } : {};
}

function Problem({ problems, name }: { problems: Record<string, string>; name: string }) {
  return problems[name] ? (
    <span id={`filter-${name}-problem`} className="font-normal text-red-700" data-testid={`filter-${name}-problem`}>
      {problems[name]}
    </span>
  ) : null;
}

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
        <Problem problems={problems} name="from" />
      </label>
      <label className={field}>
        To
        <Input name="to" type="date" min={FIRST_DAY} max={LAST_DAY} defaultValue={query.to ?? ""} data-testid="filter-to" {...problemProps(problems, "to")} />
        <Problem problems={problems} name="to" />
      </label>
      <label className={field}>
        Min $
        <Input name="min" inputMode="decimal" defaultValue={amountText(query.min)} data-testid="filter-min" {...problemProps(problems, "min")} />
        <Problem problems={problems} name="min" />
      </label>
      <label className={field}>
        Max $
        <Input name="max" inputMode="decimal" defaultValue={amountText(query.max)} data-testid="filter-max" {...problemProps(problems, "max")} />
        <Problem problems={problems} name="max" />
      </label>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div className="col-span-2 flex items-end gap-2 md:col-span-4 xl:col-span-10">
        <label className={field}>
          Rows
          <NativeSelect name="pageSize" defaultValue={String(query.pageSize)} data-testid="filter-page-size">
            {PAGE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </NativeSelect>
        </label>
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
