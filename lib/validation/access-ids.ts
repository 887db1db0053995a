import { z } from "zod";

/** The account an access-ID action targets, by its URL slug; the DAL re-checks access to it. */
export const accessIdActionSchema = z.object({
  merchant: z
    .string()
    .trim()
    .min(1, "Choose an account.")
    .max(120)
    .regex(/^[a-z0-9-]+$/, "Not a valid account."),
});

export type AccessIdActionInput = z.infer<typeof accessIdActionSchema>;

/** States stored on ClientpayAccessId.state. */
export const ACCESS_ID_STATES = ["valid", "expired", "replaced", "unknown"] as const;
export type AccessIdState = (typeof ACCESS_ID_STATES)[number];

export function toAccessIdState(value: string | null | undefined): AccessIdState {
  return (ACCESS_ID_STATES as readonly string[]).includes(value ?? "") ? (value as AccessIdState) : "unknown";
}
