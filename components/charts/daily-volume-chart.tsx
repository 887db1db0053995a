import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar, BarStack } from "@visx/shape";
import { formatCents, formatCentsCompact, formatCount } from "@/lib/format";
import { formatInZone } from "@/lib/time-zone";
import type { DayPoint } from "@/lib/validation/overview";

/**
 * Daily volume: approved sales and declines stacked above the line, refunds below it. A plain
 * SVG drawn on the server with visx's scales and shapes (no chart code reaches the browser),
 * described for screen readers and followed by the same numbers as a table.
 */

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 56 };
const COLORS = { salesCents: "#059669", declinedCents: "#dc2626", refundCents: "#d97706" } as const;
const KEYS = ["salesCents", "declinedCents"] as const;

/** "Feb 3" of a "2026-02-03" day, the same wherever it is rendered. */
const dayLabel = (day: string) => formatInZone(`${day}T12:00:00Z`, "UTC", "MMM d");

export function DailyVolumeChart({ points, zone }: { points: DayPoint[]; zone: string }) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = Math.max(1, ...points.map((point) => point.salesCents + point.declinedCents));
  const bottom = Math.max(0, ...points.map((point) => point.refundCents));
  const x = scaleBand<string>({ domain: points.map((point) => point.day), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [-bottom, top], range: [innerHeight, 0], nice: true });
  const ticks = y.ticks(4);
  const totals = points.reduce((sum, point) => ({ sales: sum.sales + point.salesCents, declined: sum.declined + point.declinedCents, refunds: sum.refunds + point.refundCents }), { sales: 0, declined: 0, refunds: 0 });
  const busiest = points.reduce((best, point) => (point.salesCents > best.salesCents ? point : best), points[0]!);
  const first = points[0]?.day ?? "";
  const last = points[points.length - 1]?.day ?? "";
  const description = `From ${first} to ${last} (${zone}): ${formatCents(totals.sales)} approved, ${formatCents(totals.declined)} declined, ${formatCents(totals.refunds)} refunded. Busiest day ${busiest.day} with ${formatCents(busiest.salesCents)} approved.`;

  return (
    <figure className="flex flex-col gap-3" data-testid="daily-volume-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="daily-volume-title daily-volume-desc">
        {/* One string: React 19 treats a <title> of several text nodes as a hydration mismatch. */}
        <title id="daily-volume-title">{`Daily volume, last ${points.length} days`}</title>
        <desc id="daily-volume-desc">{description}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? "#64748b" : "#e2e8f0"} />
              <text x={-8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={11} fill="#475569">
                {formatCentsCompact(tick)}
              </text>
            </g>
          ))}
          <BarStack<DayPoint, (typeof KEYS)[number]>
            data={points}
            keys={[...KEYS]}
            x={(point) => point.day}
            xScale={x}
            yScale={y}
            color={(key) => COLORS[key]}
          >
            {(stacks) =>
              stacks.map((stack) =>
                stack.bars.map((bar) => (bar.height > 0 ? <rect key={`${stack.key}-${bar.index}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.color} /> : null)),
              )
            }
          </BarStack>
          {points.map((point) =>
            point.refundCents > 0 ? (
              <Bar key={`refund-${point.day}`} x={x(point.day)} y={y(0)} width={x.bandwidth()} height={y(-point.refundCents) - y(0)} fill={COLORS.refundCents} />
            ) : null,
          )}
          {points.map((point, index) =>
            index % 5 === (points.length - 1) % 5 ? (
              <text key={`label-${point.day}`} x={(x(point.day) ?? 0) + x.bandwidth() / 2} y={innerHeight + 18} textAnchor="middle" fontSize={11} fill="#475569">
                {dayLabel(point.day)}
              </text>
            ) : null,
          )}
        </Group>
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600">
        <span className="flex items-center gap-1"><span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: COLORS.salesCents }} /> Approved sales</span>
        <span className="flex items-center gap-1"><span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: COLORS.declinedCents }} /> Declined</span>
        <span className="flex items-center gap-1"><span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: COLORS.refundCents }} /> Refunds (below the line)</span>
        <span>Days in {zone}</span>
      </figcaption>
      <details className="text-sm" data-testid="daily-volume-table">
        <summary className="cursor-pointer text-brand-700 hover:underline">Show the numbers as a table</summary>
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Daily volume, last {points.length} days, in {zone}</caption>
            <thead className="text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3">Day</th>
                <th scope="col" className="py-1 pr-3 text-right">Approved</th>
                <th scope="col" className="py-1 pr-3 text-right">Sales</th>
                <th scope="col" className="py-1 pr-3 text-right">Declined</th>
                <th scope="col" className="py-1 pr-3 text-right">Declines</th>
                <th scope="col" className="py-1 text-right">Refunded</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {points.map((point) => (
                <tr key={point.day} data-testid="daily-volume-row">
                  <th scope="row" className="py-1 pr-3 font-normal">{point.day}</th>
                  <td className="py-1 pr-3 text-right">{formatCents(point.salesCents)}</td>
                  <td className="py-1 pr-3 text-right">{formatCount(point.salesCount)}</td>
                  <td className="py-1 pr-3 text-right">{formatCents(point.declinedCents)}</td>
                  <td className="py-1 pr-3 text-right" data-testid="daily-declines">{formatCount(point.declinedCount)}</td>
                  <td className="py-1 text-right">{formatCents(point.refundCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
