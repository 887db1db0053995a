import { z } from "zod";

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * Tolerant: a junk or out-of-range value falls back to the default instead of
 * failing the page, so a hand-edited or stale link still opens.
 */
export const pageParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((value) => (PAGE_SIZES as readonly number[]).includes(value))
    .catch(25),
});

export type PageParams = z.infer<typeof pageParamsSchema>;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Reads a value from Next's searchParams, taking the first of repeated keys. */
export function firstParam(params: Record<string, string | string[] | undefined>, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function parsePageParams(params: Record<string, string | string[] | undefined>): PageParams {
  return pageParamsSchema.parse({ page: firstParam(params, "page"), pageSize: firstParam(params, "pageSize") });
}
