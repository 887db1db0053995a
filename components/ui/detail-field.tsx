import type { ReactNode } from "react";

/** One labelled value of a detail page's description list; an empty value reads "—". */
export function DetailField({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-sm" data-testid={testId}>
        {children ?? "—"}
      </dd>
    </div>
  );
}
