import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zonedDayRange } from "@/lib/time-zone";
import type { AuditQuery } from "@/lib/validation/audit";
import type { SortKey } from "./keyset";
import { accessibleTo } from "./merchant-access";

/**
 * Reading the audit log for an investigation: who may see which rows, the filters, and rows
 * made readable (names instead of ids, before/after of every change, secrets masked). The page
 * (lib/dal/audit.ts) and the export (exports/audit.ts) both read through here.
 */

/** Events that moved (or tried to move) money: what managers may see of their own accounts. */
export const MONEY_ACTION_PREFIX = "money.";

/**
 * The rows this viewer may read: admins (`audit:read`) every row; managers (`audit:read-money`)
 * the money events of the accounts granted to them; anyone else none.
 */
export async function auditScopeOf(viewer: Viewer): Promise<Prisma.AuditEventWhereInput> {
  if (can(viewer.role, "audit:read")) return {};
  if (!can(viewer.role, "audit:read-money")) throw new AppError("forbidden", "You are not allowed to do this.");
  const accounts = await db.merchantAccount.findMany({ where: accessibleTo(viewer), select: { id: true } });
  return { action: { startsWith: MONEY_ACTION_PREFIX }, merchantAccountId: { in: accounts.map((account) => account.id) } };
}

/** The one definition of the audit log's filters (page and export). `accountId`: the `account` slug, resolved. */
export function auditWhere(scope: Prisma.AuditEventWhereInput, query: AuditQuery, timeZone: string, accountId: string | null): Prisma.AuditEventWhereInput {
  const q = query.q.toLowerCase();
  const at = zonedDayRange(query.from, query.to, timeZone);
  const filters: Prisma.AuditEventWhereInput[] = [scope];
  if (query.actor) {
    // A failed sign-in for an unknown email has no actor row; its email is in the searchable details.
    filters.push({ OR: [{ actorEmail: query.actor }, { actorId: null, action: "auth.sign_in", search: { contains: query.actor } }] });
  }
  if (query.action) filters.push({ action: query.action });
  if (query.account) filters.push(accountId ? { OR: [{ merchantAccountId: accountId }, { targetType: "merchant", targetId: accountId }] } : { id: "" });
  if (query.outcome) filters.push({ outcome: query.outcome });
  if (at) filters.push({ at });
  if (q) filters.push({ OR: [{ search: { contains: q } }, { actorEmail: { contains: q } }, { action: { contains: q } }, { targetId: { contains: query.q } }] });
  return { AND: filters };
}

/** The log's one order, newest first. */
export const AUDIT_SORT_KEYS: SortKey[] = [{ field: "at", dir: "desc" }, { field: "id", dir: "desc" }];

/** The account of the `account` filter, among those the viewer may see (null: none of them). */
export async function auditAccountId(viewer: Viewer, slug: string): Promise<string | null> {
  if (!slug) return null;
  const merchant = await db.merchantAccount.findFirst({ where: { slug, ...accessibleTo(viewer) }, select: { id: true } });
  return merchant?.id ?? null;
}

export const auditRowSelect = {
  id: true, at: true, actorId: true, actorEmail: true, action: true, outcome: true, targetType: true, targetId: true,
  ip: true, userAgent: true, details: true, merchantAccountId: true,
} as const;
export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof auditRowSelect }>;

/** One field of a change: what it was and what it became (masked where secret). */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface AuditFact {
  field: string;
  value: string;
}

/** What the log shows of a row: people, accounts and records by name, never by raw id. */
export interface AuditEntry {
  id: string;
  at: string;
  /** "ana@example.com", "unknown email x@y" (a failed sign-in), or "system". */
  actor: string;
  action: string;
  outcome: string;
  target: string;
  account: { name: string; slug: string } | null;
  changes: AuditChange[];
  facts: AuditFact[];
  ip: string | null;
  userAgent: string | null;
}

// Never shown even though details hold hints only: a defence against a careless writer.
const SECRET_FIELD = /password|pin$|^key$|apikey|accountkey|integratorkey|secret|token|accessid$|requestid$/i;
const HIDDEN = "(hidden)";

function show(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (SECRET_FIELD.test(field) && !/hint/i.test(field)) return HIDDEN;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

/** Details as before/after pairs (`before`/`after` objects or `from`/`to`) and the remaining facts. */
export function readDetails(details: unknown): { changes: AuditChange[]; facts: AuditFact[] } {
  if (!isRecord(details)) return { changes: [], facts: [] };
  const changes: AuditChange[] = [];
  const facts: AuditFact[] = [];
  const { before, after, from, to, ...rest } = details;
  if (isRecord(before) || isRecord(after)) {
    const was = isRecord(before) ? before : {};
    const now = isRecord(after) ? after : {};
    for (const field of [...new Set([...Object.keys(was), ...Object.keys(now)])]) {
      // Compared before masking: a secret that changed shows as "(hidden) → (hidden)".
      if (JSON.stringify(was[field] ?? null) === JSON.stringify(now[field] ?? null)) continue;
      changes.push({ field, before: show(field, was[field]), after: show(field, now[field]) });
    }
  } else if (before !== undefined || after !== undefined) {
    changes.push({ field: "value", before: show("value", before), after: show("value", after) });
  }
  if (from !== undefined || to !== undefined) changes.push({ field: "value", before: show("value", from), after: show("value", to) });
  for (const [field, value] of Object.entries(rest)) {
    const text = show(field, value);
    if (text !== null) facts.push({ field, value: text });
  }
  return { changes, facts };
}

function actorOf(row: AuditRow): string {
  if (row.actorEmail) return row.actorEmail;
  const details = isRecord(row.details) ? row.details : {};
  if (row.action === "auth.sign_in" && typeof details.email === "string") return `unknown email ${details.email}`;
  return "system";
}

/** Names for the ids on a page of rows, read in one query per kind. */
async function labelsFor(rows: AuditRow[]) {
  const merchantIds = new Set<string>();
  const userIds = new Set<string>();
  const transactions: { merchantAccountId: string; key: string }[] = [];
  for (const row of rows) {
    if (row.merchantAccountId) merchantIds.add(row.merchantAccountId);
    if (row.targetType === "merchant" && row.targetId) merchantIds.add(row.targetId);
    if (row.targetType === "user" && row.targetId) userIds.add(row.targetId);
    if (row.targetType === "transaction" && row.targetId && row.merchantAccountId) transactions.push({ merchantAccountId: row.merchantAccountId, key: row.targetId });
  }
  const [merchants, users, mirrored] = await Promise.all([
    merchantIds.size ? db.merchantAccount.findMany({ where: { id: { in: [...merchantIds] } }, select: { id: true, name: true, slug: true } }) : [],
    userIds.size ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, email: true } }) : [],
    transactions.length ? db.mirrorTransaction.findMany({ where: { OR: transactions }, select: { merchantAccountId: true, key: true, refnum: true } }) : [],
  ]);
  return {
    merchant: new Map(merchants.map((merchant) => [merchant.id, merchant])),
    user: new Map(users.map((user) => [user.id, user.email])),
    refnum: new Map(mirrored.map((row) => [`${row.merchantAccountId}:${row.key}`, row.refnum])),
  };
}

function targetOf(row: AuditRow, labels: Awaited<ReturnType<typeof labelsFor>>): string {
  const details = isRecord(row.details) ? row.details : {};
  switch (row.targetType) {
    case null:
      return "—";
    case "merchant":
      return `account ${labels.merchant.get(row.targetId ?? "")?.name ?? "(deleted)"}`;
    case "user":
      return `user ${labels.user.get(row.targetId ?? "") ?? (typeof details.email === "string" ? details.email : "(unknown)")}`;
    case "transaction": {
      const refnum = labels.refnum.get(`${row.merchantAccountId}:${row.targetId}`) ?? (typeof details.refnum === "string" ? details.refnum : null);
      return refnum ? `transaction #${refnum}` : "transaction (not in the local copy)";
    }
    case "installation":
      return "installation settings";
    default:
      return row.targetType.replace(/_/g, " ");
  }
}

/** A page (or an export batch) of rows, readable. */
export async function toAuditEntries(rows: AuditRow[]): Promise<AuditEntry[]> {
  const labels = await labelsFor(rows);
  return rows.map((row) => {
    const merchant = row.merchantAccountId ? labels.merchant.get(row.merchantAccountId) : row.targetType === "merchant" ? labels.merchant.get(row.targetId ?? "") : undefined;
    return {
      id: row.id,
      at: row.at.toISOString(),
      actor: actorOf(row),
      action: row.action,
      outcome: row.outcome,
      target: targetOf(row, labels),
      account: merchant ? { name: merchant.name, slug: merchant.slug } : null,
      ...readDetails(row.details),
      ip: row.ip,
      userAgent: row.userAgent,
    };
  });
}
