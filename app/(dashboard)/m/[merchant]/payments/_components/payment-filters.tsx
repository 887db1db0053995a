import Form from "next/form";
import { AmountRangeFields, DateRangeFields, FilterFooter, filterLabel } from "@/components/data-table/table-filter-parts";
import { Input, NativeSelect } from "@/components/ui/input";
import { CLIENTPAY_STATUSES, PAYMENT_METHODS, type ClientpayPaymentQuery } from "@/lib/validation/clientpay-payments";
import { amountText } from "@/lib/validation/transactions";

/** A GET form: submitting writes the filters into the URL (page back to 1, sort kept). */
export function PaymentFilters({ base, query }: { base: string; query: ClientpayPaymentQuery }) {
  const field = filterLabel;
  return (
    <Form action={base} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8" data-testid="payment-filters">
      <label className={`${field} col-span-2`}>
        Search
        <Input name="q" type="search" defaultValue={query.q} placeholder="Payer, email, invoice or order #" data-testid="filter-q" />
      </label>
      <label className={field}>
        Status
        <NativeSelect name="status" defaultValue={query.status ?? ""} data-testid="filter-status">
          <option value="">Any</option>
          {Object.entries(CLIENTPAY_STATUSES).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </label>
      <label className={field}>
        Method
        <NativeSelect name="method" defaultValue={query.method ?? ""} data-testid="filter-method">
          <option value="">Any</option>
          {Object.entries(PAYMENT_METHODS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </label>
      <DateRangeFields from={query.from} to={query.to} labels={["Paid from", "Paid to"]} />
      <AmountRangeFields min={amountText(query.min)} max={amountText(query.max)} />
      <FilterFooter base={base} sort={query.sort} dir={query.dir} pageSize={query.pageSize} className="md:col-span-4 xl:col-span-8" />
    </Form>
  );
}
