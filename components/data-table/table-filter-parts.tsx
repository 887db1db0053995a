import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { FIRST_DAY, LAST_DAY } from "@/lib/validation/days";
import { PAGE_SIZES } from "@/lib/validation/table-state";

/**
 * Pieces every table's GET filter form shares: the date range (days in the viewer's zone), the
 * amount range, the page size, and the rows/Apply/Reset footer with the sort kept.
 */
export const filterLabel = "flex flex-col gap-1 text-xs font-medium text-slate-600";

/** The message beside a filter (from lib/validation/filter-problems.ts), tied to its input. */
export function problemProps(problems: Record<string, string>, name: string) {
  return problems[name] ? { "aria-invalid": true, "aria-describedby": `filter-${name}-problem` } : {};
}

export function FilterProblem({ problems, name }: { problems: Record<string, string>; name: string }) {
  return problems[name] ? (
    <span id={`filter-${name}-problem`} className="font-normal text-red-700" data-testid={`filter-${name}-problem`}>
      {problems[name]}
    </span>
  ) : null;
}

/** A choice among fixed values ("Any" first): `[value, label]` pairs, or values that are their own label. */
export function ChoiceFilter({ label, name, value, choices, testId }: { label: string; name: string; value?: string; choices: readonly (string | readonly [string, string])[]; testId: string }) {
  return (
    <label className={filterLabel}>
      {label}
      <NativeSelect name={name} defaultValue={value ?? ""} data-testid={testId}>
        <option value="">Any</option>
        {choices.map((choice) => {
          const [optionValue, optionLabel] = typeof choice === "string" ? [choice, choice] : choice;
          return (
            <option key={optionValue} value={optionValue}>
              {optionLabel}
            </option>
          );
        })}
      </NativeSelect>
    </label>
  );
}

/** The date filter: days in the viewer's zone, and "to" includes that whole day (lib/time-zone.ts zonedDayRange). */
export function DateRangeFields({
  from,
  to,
  problems = {},
  labels = ["From", "To"],
  testIdPrefix = "filter",
}: {
  from?: string;
  to?: string;
  problems?: Record<string, string>;
  labels?: [string, string];
  testIdPrefix?: string;
}) {
  return (
    <>
      <label className={filterLabel}>
        {labels[0]}
        <Input name="from" type="date" min={FIRST_DAY} max={LAST_DAY} defaultValue={from ?? ""} data-testid={`${testIdPrefix}-from`} {...problemProps(problems, "from")} />
        <FilterProblem problems={problems} name="from" />
      </label>
      <label className={filterLabel}>
        {labels[1]}
        <Input name="to" type="date" min={FIRST_DAY} max={LAST_DAY} defaultValue={to ?? ""} data-testid={`${testIdPrefix}-to`} {...problemProps(problems, "to")} />
        <FilterProblem problems={problems} name="to" />
      </label>
    </>
  );
}

export function AmountRangeFields({ min, max, problems = {} }: { min: string; max: string; problems?: Record<string, string> }) {
  return (
    <>
      <label className={filterLabel}>
        Min $
        <Input name="min" inputMode="decimal" defaultValue={min} data-testid="filter-min" {...problemProps(problems, "min")} />
        <FilterProblem problems={problems} name="min" />
      </label>
      <label className={filterLabel}>
        Max $
        <Input name="max" inputMode="decimal" defaultValue={max} data-testid="filter-max" {...problemProps(problems, "max")} />
        <FilterProblem problems={problems} name="max" />
      </label>
    </>
  );
}

export function FilterFooter({ base, sort, dir, pageSize, className }: { base: string; sort: string; dir: string; pageSize: number; className?: string }) {
  return (
    <>
      <input type="hidden" name="sort" value={sort} />
      <input type="hidden" name="dir" value={dir} />
      <div className={cn("col-span-2 flex items-end gap-2", className)}>
        <PageSizeField value={pageSize} testId="filter-page-size" />
        <Button type="submit" data-testid="filter-apply">
          Apply
        </Button>
        <Link href={base} className="px-2 py-2 text-sm text-brand-700 hover:underline" data-testid="filter-reset">
          Reset
        </Link>
      </div>
    </>
  );
}

export function PageSizeField({ value, testId }: { value: number; testId?: string }) {
  return (
    <label className={filterLabel}>
      Rows
      <NativeSelect name="pageSize" defaultValue={String(value)} data-testid={testId}>
        {PAGE_SIZES.map((size) => (
          <option key={size}>{size}</option>
        ))}
      </NativeSelect>
    </label>
  );
}
