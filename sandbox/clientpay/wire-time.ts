/**
 * ClientPay's one documented payload shows `paymentDate` as local time with an offset and
 * seven fractional digits, and `paymentDateUtc` as the same instant with `Z`. The emulator
 * plays a merchant in US Central time at a fixed -05:00 (the offset in the sample).
 */
const OFFSET_MINUTES = -5 * 60;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function fraction(date: Date): string {
  return `${pad(date.getUTCMilliseconds(), 3)}0000`;
}

export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.${fraction(date)}Z`;
}

export function formatLocal(date: Date): string {
  const local = new Date(date.getTime() + OFFSET_MINUTES * 60_000);
  const sign = OFFSET_MINUTES < 0 ? "-" : "+";
  const abs = Math.abs(OFFSET_MINUTES);
  return `${local.toISOString().slice(0, 19)}.${fraction(date)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Accepts `yyyy-mm-dd`, `mm/dd/yyyy` and full ISO-8601 timestamps; null when unparseable. */
export function parseWireDate(value: string): Date | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (us) {
    const date = new Date(Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])));
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}
