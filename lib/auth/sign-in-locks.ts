import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { throttleKeyForAddress } from "@/lib/client-address";

/**
 * Failed sign-ins, counted in the database (rate-limiter-flexible's Prisma store, the table the
 * sync's budget uses) so every app instance sees the same counts.
 * - Per account (PCI DSS 8.3.4): at most 10 failures, then the account is locked for 30 minutes
 *   or until an admin unlocks it. Counted by the normalised email, known or not, so a lock
 *   says nothing about whether the account exists.
 * - Per client address (normalised; IPv6 by /64): a wider limit, so one address cannot try
 *   passwords across many accounts.
 * A full sign-in (password and, when enrolled, the second factor) clears the account's count.
 */
export const ACCOUNT_MAX_FAILURES = 10;
export const ADDRESS_MAX_FAILURES = 50;
export const LOCK_SECONDS = 30 * 60;
/** Failures older than this are forgotten (the window starts at the first failure). */
const WINDOW_SECONDS = 24 * 60 * 60;

const ACCOUNT_PREFIX = "signin-account";
const ADDRESS_PREFIX = "signin-ip";
const UNKNOWN_ADDRESS = "unknown";

type Scope = "account" | "address";

function limiter(prefix: string, points: number) {
  return new RateLimiterPrisma({ storeClient: db, tableName: "rateLimiterFlexible", keyPrefix: prefix, points, duration: WINDOW_SECONDS, clearExpiredByTimeout: false });
}

const limiters: Record<Scope, { limiter: RateLimiterPrisma; max: number; prefix: string }> = {
  account: { limiter: limiter(ACCOUNT_PREFIX, ACCOUNT_MAX_FAILURES), max: ACCOUNT_MAX_FAILURES, prefix: ACCOUNT_PREFIX },
  address: { limiter: limiter(ADDRESS_PREFIX, ADDRESS_MAX_FAILURES), max: ADDRESS_MAX_FAILURES, prefix: ADDRESS_PREFIX },
};

export interface SignInSubject {
  email: string;
  ip: string | null;
}

function keyOf(scope: Scope, subject: SignInSubject): string {
  if (scope === "account") return subject.email.trim().toLowerCase();
  return subject.ip ? throttleKeyForAddress(subject.ip) : UNKNOWN_ADDRESS;
}

export interface LockState {
  locked: boolean;
  scope?: Scope;
  msLeft?: number;
}

/** Is this email or this address locked now? Checked before the password is even looked at. */
export async function signInLockState(subject: SignInSubject): Promise<LockState> {
  for (const scope of ["account", "address"] as const) {
    const { limiter: store, max } = limiters[scope];
    const state = await store.get(keyOf(scope, subject));
    if (state && state.consumedPoints >= max) return { locked: true, scope, msLeft: state.msBeforeNext };
  }
  return { locked: false };
}

async function countFailure(scope: Scope, key: string): Promise<boolean> {
  const { limiter: store, max } = limiters[scope];
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await store.penalty(key, 1);
      if (result.consumedPoints >= max) {
        // The failure that reaches the limit starts the 30-minute lock from now.
        await store.block(key, LOCK_SECONDS);
        return true;
      }
      return false;
    } catch (error) {
      // Two instances may create the row at the same instant; the loser counts again.
      if (error instanceof RateLimiterRes || attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Counts one failed sign-in (wrong password or wrong code); says which locks it started. */
export async function recordSignInFailure(subject: SignInSubject): Promise<{ accountLocked: boolean; addressLocked: boolean }> {
  const accountLocked = await countFailure("account", keyOf("account", subject));
  const addressLocked = await countFailure("address", keyOf("address", subject));
  return { accountLocked, addressLocked };
}

/** After a full sign-in: the account's earlier failures no longer count. */
export async function clearAccountFailures(email: string): Promise<void> {
  await limiters.account.limiter.delete(keyOf("account", { email, ip: null }));
}

export interface SignInLock {
  scope: Scope;
  /** The email or the address (IPv6: its /64) that is locked. */
  subject: string;
  failures: number;
  lockedUntil: Date;
}

/** Every lock in force, for the admins' page. */
export async function listSignInLocks(now = new Date()): Promise<SignInLock[]> {
  const rows = await db.rateLimiterFlexible.findMany({
    where: { OR: [{ key: { startsWith: `${ACCOUNT_PREFIX}:` } }, { key: { startsWith: `${ADDRESS_PREFIX}:` } }], expire: { gt: now } },
    orderBy: { expire: "desc" },
  });
  return rows.flatMap((row) => {
    const scope: Scope = row.key.startsWith(`${ACCOUNT_PREFIX}:`) ? "account" : "address";
    if (row.points < limiters[scope].max || !row.expire) return [];
    return [{ scope, subject: row.key.slice(limiters[scope].prefix.length + 1), failures: Math.min(row.points, limiters[scope].max), lockedUntil: row.expire }];
  });
}

/** An admin's unlock: the count starts again from zero. */
export async function clearSignInLock(scope: Scope, subject: string): Promise<boolean> {
  return limiters[scope].limiter.delete(scope === "account" ? subject.trim().toLowerCase() : subject);
}
