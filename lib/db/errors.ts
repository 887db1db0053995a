import "server-only";

/**
 * Prisma's "unique constraint failed" (P2002): the one check for it. The sync (two workers
 * creating the same row at once) and the DAL (a second rotation of one account, a duplicate
 * email) both read it here, below both of them. Checked by its code, which is what Prisma
 * documents as stable, rather than by message.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
