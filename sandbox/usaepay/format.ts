/**
 * Wire formatting shared by the emulator's serializers: money as "12.34" strings and gateway
 * local time "YYYY-MM-DD HH:MM:SS" in America/Los_Angeles (docs/usaepay-api.md, "Field encodings").
 */
export const GATEWAY_TIME_ZONE = "America/Los_Angeles";

const partsFormatter = new Intl.DateTimeFormat("en-US", {
  timeZone: GATEWAY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** Offset of Los Angeles from UTC in ms at `epochMs`, cached per hour (DST changes on the hour). */
const offsetCache = new Map<number, number>();
function zoneOffsetMs(epochMs: number): number {
  const hour = Math.floor(epochMs / 3_600_000);
  const cached = offsetCache.get(hour);
  if (cached !== undefined) return cached;
  const parts = Object.fromEntries(partsFormatter.formatToParts(new Date(hour * 3_600_000)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = asUtc - hour * 3_600_000;
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(hour, offset);
  return offset;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

export function formatGatewayDateTime(epochMs: number): string {
  const local = new Date(epochMs + zoneOffsetMs(epochMs));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
}

export function formatGatewayDate(epochMs: number): string {
  return formatGatewayDateTime(epochMs).slice(0, 10);
}

/** "YYYYmmdd" (batch date filters) → start of that local day in epoch ms. */
export function parseCompactDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const guess = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return guess - zoneOffsetMs(guess);
}

export function centsToAmount(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

/** Parses "5.00", "5", 5, 5.5 into integer cents; undefined when not a non-negative amount. */
export function amountToCents(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value < 0 ? undefined : Math.round(value * 100);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (!/^\d+(\.\d{1,4})?$|^\.\d{1,4}$/.test(trimmed)) return undefined;
  return Math.round(Number(trimmed) * 100);
}
