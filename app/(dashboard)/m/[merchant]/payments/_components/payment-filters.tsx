import Form from "next/form";
import { AmountRangeFields, ChoiceFilter, DateRangeFields, FilterFooter, filterLabel } from "@/components/data-table/table-filter-parts";
import { Input } from "@/components/ui/input";
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
      <ChoiceFilter label="Status" name="status" value={query.status} choices={Object.entries(CLIENTPAY_STATUSES).map(([value, { label }]) => [value, label] as const)} testId="filter-status" />
      <ChoiceFilter label="Method" name="method" value={query.method} choices={Object.entries(PAYMENT_METHODS)} testId="filter-method" />
      <DateRangeFields from={query.from} to={query.to} labels={["Paid from", "Paid to"]} />
      <AmountRangeFields min={amountText(query.min)} max={amountText(query.max)} />
      <FilterFooter base={base} sort={query.sort} dir={query.dir} pageSize={query.pageSize} className="md:col-span-4 xl:col-span-8" />
    </Form>
  );
}
