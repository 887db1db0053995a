import { amountToCents } from "./format";
import type { Address, AmountDetail } from "./model";

/** Tolerant readers for request bodies: clients send strings or numbers, and two spellings of names. */
export type Body = Record<string, unknown>;

export function asObject(value: unknown): Body | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Body) : undefined;
}

export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return undefined;
}

/** JSON true, 1, "1", "true", "yes", "y" — clients use all of them for booleans. */
export function truthy(value: unknown): boolean {
  if (value === true || value === 1) return true;
  const text = str(value)?.trim().toLowerCase();
  return text === "1" || text === "true" || text === "yes" || text === "y";
}

export function cents(value: unknown): number | undefined {
  return value === undefined || value === null || value === "" ? undefined : amountToCents(value);
}

export function readAmountDetail(value: unknown): AmountDetail {
  const body = asObject(value) ?? {};
  const detail: AmountDetail = {};
  for (const field of ["subtotal", "tax", "tip", "discount", "shipping", "duty"] as const) {
    const parsed = cents(body[field]);
    if (parsed !== undefined) detail[field] = parsed;
  }
  return detail;
}

/** Accepts `firstname`/`first_name`, `lastname`/`last_name`, `zip`/`postalcode`: clients send both spellings. */
export function readAddress(value: unknown): Address | undefined {
  const body = asObject(value);
  if (!body) return undefined;
  const address: Address = {
    company: str(body.company),
    first_name: str(body.first_name ?? body.firstname),
    last_name: str(body.last_name ?? body.lastname),
    street: str(body.street),
    street2: str(body.street2),
    city: str(body.city),
    state: str(body.state),
    postalcode: str(body.postalcode ?? body.zip),
    country: str(body.country),
    phone: str(body.phone),
    fax: str(body.fax),
  };
  for (const name of Object.keys(address) as (keyof Address)[]) if (address[name] === undefined) delete address[name];
  return address;
}

/** A body that is empty, `[]` (PHP SDK habit) or `null` means "no fields". */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "[]" || trimmed === "null") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    // The docs' own sale example has a trailing comma; the live service evidently tolerates it.
    try {
      return { ok: true, value: JSON.parse(trimmed.replace(/,\s*([}\]])/g, "$1")) };
    } catch {
      return { ok: false };
    }
  }
}
