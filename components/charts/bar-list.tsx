import { formatCents, formatCount, formatRatio } from "@/lib/format";

/**
 * A ranked list with proportional bars: decline reasons, card mix. The text is the data (each
 * row says its label, count and share), so the bars are decoration and hidden from readers.
 */
export interface BarListItem {
  label: string;
  count: number;
  cents?: number;
}

export function BarList({ items, label, empty, testId, color = "#0f766e" }: { items: BarListItem[]; label: string; empty: string; testId: string; color?: string }) {
  const total = items.reduce((sum, item) => sum + item.count, 0);
  const largest = Math.max(1, ...items.map((item) => item.count));
  if (items.length === 0) return <p className="text-sm text-slate-600" data-testid={`${testId}-empty`}>{empty}</p>;
  return (
    <ol className="flex flex-col gap-2" aria-label={label} data-testid={testId}>
      {items.map((item) => (
        <li key={item.label} className="flex flex-col gap-1 text-sm" data-testid={`${testId}-item`}>
          <div className="flex justify-between gap-3">
            <span className="truncate">{item.label}</span>
            <span className="shrink-0 tabular-nums text-slate-700">
              {formatCount(item.count)}
              {item.cents !== undefined ? ` · ${formatCents(item.cents)}` : ""} · {formatRatio(total ? item.count / total : null)}
            </span>
          </div>
          <div aria-hidden="true" className="h-2 rounded-full bg-slate-100">
            <div className="h-2 rounded-full" style={{ width: `${(item.count / largest) * 100}%`, background: color }} />
          </div>
        </li>
      ))}
    </ol>
  );
}
