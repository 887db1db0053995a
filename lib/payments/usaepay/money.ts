import "server-only";

/**
 * Money on the USAePay wire is decimal dollars as strings ("12.34", "5") or JSON numbers (batch
 * totals). Parsing goes through the decimal text, never float arithmetic, so 0.1 + 0.2 cannot leak in.
 */
export function wireMoneyToCents(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const text = typeof value === "number" ? value.toFixed(2) : value.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const whole = Number(match[2] || "0");
  const fraction = (match[3] ?? "").padEnd(3, "0");
  // Round half up on the third decimal (the gateway never sends more than 2, but be safe).
  const cents = whole * 100 + Number(fraction.slice(0, 2)) + (Number(fraction[2]) >= 5 ? 1 : 0);
  return match[1] ? -cents : cents;
}

/** Integer cents → the wire's "12.34". */
export function centsToWireMoney(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error("amounts must be integer cents");
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
