import { z } from "zod";

/** The parts of a ClientPay postback's address Paydesk wrote itself: the page id and its token. */
export const postbackAddressSchema = z.object({
  page: z.string().min(1).max(64).regex(/^[\w-]+$/),
  t: z.string().min(32).max(128).regex(/^[\w-]+$/),
});
