import { Input, NativeSelect } from "@/components/ui/input";
import { PAGE_SIZES } from "@/lib/validation/table-state";

/** Fields every table's GET filter form shares: the date range (days in the viewer's zone) and the page size. */
const FIELD = "flex flex-col gap-1 text-xs font-medium text-slate-600";

export function DateRangeFields({ from, to, testIdPrefix }: { from?: string; to?: string; testIdPrefix: string }) {
  return (
    <>
      <label className={FIELD}>
        From
        <Input name="from" type="date" defaultValue={from ?? ""} data-testid={`${testIdPrefix}-from`} />
      </label>
      <label className={FIELD}>
        To
        <Input name="to" type="date" defaultValue={to ?? ""} data-testid={`${testIdPrefix}-to`} />
      </label>
    </>
  );
}

export function PageSizeField({ value, testId }: { value: number; testId?: string }) {
  return (
    <label className={FIELD}>
      Rows
      <NativeSelect name="pageSize" defaultValue={String(value)} data-testid={testId}>
        {PAGE_SIZES.map((size) => (
          <option key={size}>{size}</option>
        ))}
      </NativeSelect>
    </label>
  );
}
