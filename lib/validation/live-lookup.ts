import { z } from "zod";

/** "Look up live" on a detail page for a key the mirror has not seen: which account, which record, which key. */
export const lookUpLiveSchema = z.object({
  merchant: z.string().min(1).max(100),
  record: z.enum(["transaction", "customer"]),
  // USAePay keys are short lowercase alphanumerics (docs/usaepay-api.md, "Field encodings"); anything else cannot exist.
  key: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "That is not a USAePay key."),
});
