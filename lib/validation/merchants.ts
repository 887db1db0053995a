import { z } from "zod";
import { dailyTimeSchema, timeZoneSchema } from "@/lib/validation/time-zone";
import { ENVIRONMENTS } from "./environments";

/** An optional field: empty means null, anything else must pass `schema`. */
function emptyIsNull(max: number, schema: z.ZodType<string, string>) {
  return z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .pipe(schema.nullable());
}

const optionalUrl = z
  .string()
  .trim()
  .max(300)
  .transform((value) => value || null)
  .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http(s) URL, or leave it empty." }).nullable());

export const merchantSettingsSchema = z.object({
  name: z.string().trim().min(2, "Enter a name of at least 2 characters.").max(80),
  environment: z.enum(ENVIRONMENTS, { error: "Choose an environment." }),
  usaepayBaseUrl: optionalUrl,
  usaepayEndpointKey: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Za-z0-9_-]*$/, "Use letters, digits, - or _ only.")
    .transform((value) => value || null),
  clientpayBaseUrl: optionalUrl,
    /** Empty: UTC. The overview's "today" and the batch cut-off are in this zone. */
  businessTimeZone: emptyIsNull(64, timeZoneSchema),
  /** Empty: not set (the overview then cannot say when the open batch closes). */
  batchCloseTime: emptyIsNull(5, dailyTimeSchema),
});

export const updateMerchantSchema = merchantSettingsSchema.extend({ merchantId: z.string().min(1).max(64) });

export const GATEWAYS = ["usaepay", "clientpay"] as const;
export type Gateway = (typeof GATEWAYS)[number];

export const setCredentialsSchema = z.object({
  merchantId: z.string().min(1).max(64),
  gateway: z.enum(GATEWAYS),
  key: z.string().trim().min(4, "Enter the key.").max(200),
  pin: z.string().trim().min(1, "Enter the PIN.").max(64),
});

export const credentialSlotSchema = z.object({
  merchantId: z.string().min(1).max(64),
  gateway: z.enum(GATEWAYS),
});

export const grantSchema = z.object({
  merchantId: z.string().min(1).max(64),
  userId: z.string().min(1, "Choose a user.").max(64),
});

export const integratorKeySchema = z.object({
  integratorKey: z.string().trim().min(4, "Enter the integrator key.").max(200),
});

/** A URL-safe key from a merchant name: "Smith & Co Trust" → "smith-co-trust". */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return slug || "merchant";
}
