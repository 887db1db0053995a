import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { ALL_PAYMENTS, paymentFilter, type ClientpaySession, type SearchGroup } from "@/lib/payments/clientpay";
import { isGatewayError } from "@/lib/payments/http";
import { claimLease, releaseLease } from "@/lib/sync/lease";
import { upstreamFailure } from "./access-id-messages";
import { writeClientpayPaymentPage } from "./clientpay-payments-store";
import { withClientpaySession } from "./clientpay-session";

/**
 * Keeps the local copy of each account's ClientPay payments fresh, with documented search
 * fields only (PaymentId, PaymentDate; docs/clientpay-api.md, "Payment search"), so it works on
 * the real service too, where the table's own filters (payer, status, amount, method) could not
 * be asked of ClientPay at all:
 *
 *  - a first full walk in payment-id order, 100 a page (ClientPay's maximum);
 *  - then each run: payments after the highest id we hold (new ones), and a re-read of the
 *    recent window by payment date (settlements, voids, refunds of recent payments);
 *  - and a full re-walk once a day, for refunds of older payments made in ClientPay's web app.
 *
 * Paydesk's own refunds, voids, charges and paid requests are written at once by those
 * operations; this is the safety net. One lease per account in SyncState (resource
 * "clientpay-payments") keeps instances from running the same account twice.
 */
export const CLIENTPAY_SYNC_RESOURCE = "clientpay-payments" as const;

export interface ClientpaySyncSettings {
  pageSize: number;
  leaseMs: number;
  recentWindowMs: number;
  fullRecheckMs: number;
}

export const DEFAULT_CLIENTPAY_SYNC: ClientpaySyncSettings = {
  pageSize: 100,
  leaseMs: 120_000,
  recentWindowMs: 3 * 24 * 3600_000,
  fullRecheckMs: 24 * 3600_000,
};

/** A page view starts a run when the copy is older than this. */
export const CLIENTPAY_STALE_AFTER_MS = 60_000;

export interface ClientpaySyncOptions {
  deps?: GatewayDeps;
  settings?: Partial<ClientpaySyncSettings>;
  owner?: string;
  now?: () => number;
}

export type ClientpaySyncOutcome = "completed" | "busy" | "failed";

const endpointSelect = { id: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true } as const;

export async function syncClientpayPayments(merchantAccountId: string, options: ClientpaySyncOptions = {}): Promise<ClientpaySyncOutcome> {
  const settings = { ...DEFAULT_CLIENTPAY_SYNC, ...options.settings };
  const now = options.now ?? Date.now;
  const owner = options.owner ?? randomUUID();
  if (!(await claimLease(merchantAccountId, CLIENTPAY_SYNC_RESOURCE, owner, settings.leaseMs, now))) return "busy";
  const where = { merchantAccountId_resource: { merchantAccountId, resource: CLIENTPAY_SYNC_RESOURCE } };
  try {
    const merchant = await db.merchantAccount.findUniqueOrThrow({ where: { id: merchantAccountId }, select: endpointSelect });
    const state = await db.syncState.findUniqueOrThrow({ where });
    const fullDue = !state.fullCompletedAt || now() - state.fullCompletedAt.getTime() > settings.fullRecheckMs;
    await withClientpaySession({ merchant, actor: null, during: "clientpay.sync", deps: options.deps }, async (session) => {
      const progress = async (data: { processed?: number; upstreamTotal?: number; mode?: string; fullCompletedAt?: Date }) => {
        const { count } = await db.syncState.updateMany({ where: { merchantAccountId, resource: CLIENTPAY_SYNC_RESOURCE, leaseOwner: owner }, data: { ...data, leaseUntil: new Date(now() + settings.leaseMs) } });
        if (count !== 1) throw new AppError("lease_lost", "Another worker took over this account's ClientPay sync.");
      };
      if (fullDue) {
        await progress({ processed: 0, upstreamTotal: await session.countPayments(ALL_PAYMENTS) });
        await walk(session, merchantAccountId, settings, null, progress);
        await progress({ mode: "incremental", fullCompletedAt: new Date(now()) });
        return;
      }
      await progress({ processed: 0 });
      const newest = await db.clientpayPayment.aggregate({ where: { merchantAccountId }, _max: { paymentNumber: true } });
      const after = newest._max.paymentNumber;
      await walk(session, merchantAccountId, settings, after && after > BigInt(0) ? paymentFilter({ paymentIdAfter: after.toString() }) : null, progress);
      await walk(session, merchantAccountId, settings, paymentFilter({ paidFrom: new Date(now() - settings.recentWindowMs) }), progress);
    });
    await releaseLease(merchantAccountId, CLIENTPAY_SYNC_RESOURCE, owner, { ok: true, at: new Date(now()) });
    return "completed";
  } catch (error) {
    if (error instanceof AppError && error.code === "lease_lost") return "busy";
    const message = error instanceof AppError ? error.userMessage : upstreamFailure(error, "The copy carries on at the next run.").userMessage;
    logger.warn({ merchantAccountId, code: error instanceof AppError ? error.code : isGatewayError(error) ? error.kind : "internal_error" }, "clientpay sync failed");
    await releaseLease(merchantAccountId, CLIENTPAY_SYNC_RESOURCE, owner, { ok: false, status: "error", message });
    return "failed";
  }
}

/**
 * Every payment matching `filter` (everything when null), in payment-id order: each page is asked
 * for "after the last id of the previous page", so pages never shift under a walk while new
 * payments arrive, and each page is written (with the requests it pays) before the next is read.
 */
async function walk(
  session: ClientpaySession,
  merchantAccountId: string,
  settings: ClientpaySyncSettings,
  filter: SearchGroup | null,
  progress: (data: { processed: number }) => Promise<void>,
) {
  let after: string | null = null;
  let processed = 0;
  for (;;) {
    const conditions: SearchGroup["conditions"] = [...(filter ?? ALL_PAYMENTS).conditions];
    if (after) conditions.push(...paymentFilter({ paymentIdAfter: after }).conditions);
    const { payments } = await session.searchPayments({ filter: { type: "and", conditions }, orderBy: ["paymentId"], pageNumber: 1, pageSize: settings.pageSize });
    await writeClientpayPaymentPage(merchantAccountId, payments);
    processed += payments.length;
    await progress({ processed });
    const last = payments.at(-1)?.paymentId;
    if (payments.length < settings.pageSize || !last) return;
    after = last;
  }
}

// ---- scheduling ----------------------------------------------------------------------------------

interface SchedulerState {
  timer?: NodeJS.Timeout;
  running: Map<string, Promise<unknown>>;
}
const registry = globalThis as unknown as { paydeskClientpaySync?: SchedulerState };
const scheduler = (): SchedulerState => (registry.paydeskClientpaySync ??= { running: new Map() });

/** Starts a run of one account in the background unless this instance is running one. */
export function requestClientpaySync(merchantAccountId: string, options: ClientpaySyncOptions = {}): { started: boolean } {
  const { running } = scheduler();
  if (running.has(merchantAccountId)) return { started: false };
  const run = syncClientpayPayments(merchantAccountId, options)
    .catch((error: unknown) => logger.error({ merchantAccountId, err: error instanceof Error ? error.name : "unknown" }, "clientpay sync could not start"))
    .finally(() => running.delete(merchantAccountId));
  running.set(merchantAccountId, run);
  return { started: true };
}

export function isClientpaySyncRunningHere(merchantAccountId: string): boolean {
  return scheduler().running.has(merchantAccountId);
}

/** The run this instance has going for the account, to wait for (tests, benchmarks). */
export function clientpaySyncInFlight(merchantAccountId: string): Promise<unknown> | undefined {
  return scheduler().running.get(merchantAccountId);
}

/** Accounts with ClientPay keys and a usable access ID have something to copy. */
const SYNCABLE = { credentials: { some: { gateway: "clientpay", slot: "current" } }, clientpayAccessId: { valueSealed: { not: null } } };

/** A page view of a stale (or never-filled) copy starts a run; it never waits for it. */
export async function requestClientpaySyncIfStale(merchantAccountId: string, options: ClientpaySyncOptions & { maxAgeMs?: number } = {}): Promise<void> {
  if (isClientpaySyncRunningHere(merchantAccountId)) return;
  const merchant = await db.merchantAccount.findFirst({
    where: { id: merchantAccountId, ...SYNCABLE },
    select: { syncStates: { where: { resource: CLIENTPAY_SYNC_RESOURCE }, select: { lastSuccessAt: true, lastStartedAt: true, status: true } } },
  });
  if (!merchant) return;
  const state = merchant.syncStates[0];
  const freshAfter = (options.now ?? Date.now)() - (options.maxAgeMs ?? CLIENTPAY_STALE_AFTER_MS);
  // A run that just failed is not retried on every page view: it waits out the same interval.
  const last = state?.status === "error" ? state.lastStartedAt : state?.lastSuccessAt;
  if (!last || last.getTime() < freshAfter) requestClientpaySync(merchantAccountId, options);
}

/** The start-up function (instrumentation.ts): every account, every `intervalMs`; 0 turns it off. */
export function startClientpaySync(options: { intervalMs: number }): void {
  const state = scheduler();
  if (state.timer || options.intervalMs <= 0) return;
  const tick = async () => {
    const merchants = await db.merchantAccount.findMany({ where: SYNCABLE, select: { id: true } });
    for (const { id } of merchants) requestClientpaySync(id);
  };
  const safeTick = () => tick().catch((error: unknown) => logger.error({ err: error instanceof Error ? error.name : "unknown" }, "clientpay sync tick failed"));
  void safeTick();
  state.timer = setInterval(safeTick, options.intervalMs);
  state.timer.unref();
}

/** What the payments table's header shows about the local copy: freshness, progress, the last error. */
export interface ClientpayCopyDto {
  status: "never" | "running" | "idle" | "error";
  /** Rows read in the current (or last) run, of upstreamTotal on a full walk. */
  processed: number;
  upstreamTotal: number | null;
  /** Payments held locally for the account. */
  held: number;
  lastSuccessAt: string | null;
  /** Safe to show. */
  lastError: string | null;
  /** The server's clock when this was read: the status's first render counts ages from it (hydration). */
  checkedAt: string;
}

export async function clientpayCopyStatus(merchantAccountId: string, now: number = Date.now()): Promise<ClientpayCopyDto> {
  const [state, held] = await Promise.all([
    db.syncState.findUnique({ where: { merchantAccountId_resource: { merchantAccountId, resource: CLIENTPAY_SYNC_RESOURCE } } }),
    db.clientpayPayment.count({ where: { merchantAccountId } }),
  ]);
  // A lease that ran out belongs to a worker that died: not running any more.
  const live = state?.status === "running" && !!state.leaseUntil && state.leaseUntil.getTime() > now;
  const status = !state ? "never" : live || isClientpaySyncRunningHere(merchantAccountId) ? "running" : state.status === "error" ? "error" : "idle";
  return {
    status,
    processed: state?.processed ?? 0,
    upstreamTotal: state?.upstreamTotal ?? null,
    held,
    lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
    lastError: state?.status === "error" ? state.lastError : null,
    checkedAt: new Date(now).toISOString(),
  };
}
