import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { clientpayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { isCredentialsRejected, type ClientpayClient } from "@/lib/payments/clientpay";
import type { RequestMeta } from "@/lib/request-meta";
import { toAccessIdState, type AccessIdState } from "@/lib/validation/access-ids";
import type { Environment } from "@/lib/validation/environments";
import { audit, markValid, refuseWhileRotating, resolveTarget, runStoredIdCall, storedHint, type AccessIdResult, type StoredIdCall, type Target } from "./internal/access-id-calls";
import { abandonRotation, closeRotation, findOpenRotation, openRotation, releaseRotation, settleRotation } from "./internal/access-id-journal";
import { failureReason, upstreamFailure } from "./internal/access-id-messages";
import { recoverInBackground, type BackgroundRecovery } from "./internal/access-id-recovery";
import type { SettledAs } from "./internal/access-id-journal";
import { clearAccessId, markAccessIdState, openStoredAccessId, storeAccessId } from "./internal/access-id-store";
import { merchantFor } from "./internal/merchant-access";

export type { AccessIdResult } from "./internal/access-id-calls";

/**
 * The access-ID page's data layer. Every function takes the viewer first, checks the named
 * permission, and resolves the account through merchantFor (an ungranted account is
 * "not found"). Every event is written to the audit log with masked hints only.
 */

export interface AccessIdDeps extends GatewayDeps {
  /** Test seam: runs inside the transaction that stores a rotated id; throwing simulates a failed write. */
  beforeCommit?: () => Promise<void> | void;
}

export interface AccessIdOverviewDto {
  merchant: { id: string; slug: string; name: string; environment: Environment };
  /** The ClientPay host this account talks to (never secret). */
  clientpayHost: string;
  /** "••••1234", or null when no id was ever stored. */
  hint: string | null;
  /** False when nothing usable is stored (never issued, or expired): ClientPay calls fail. */
  usable: boolean;
  state: AccessIdState;
  checkedAt: Date | null;
  checkedByEmail: string | null;
  issuedAt: Date | null;
  issuedByEmail: string | null;
  rotationInProgress: { startedAt: Date; startedByEmail: string | null } | null;
  lastRotation: { startedAt: Date; startedByEmail: string | null; closedAt: Date | null; outcome: string | null } | null;
  /** A journal left open is being recovered now ("checking"), or could not be yet (`failed`). */
  recovery: BackgroundRecovery;
  /** The last rotation, when a recovery closed it in the last RECENT_RECOVERY_MS: what it found. */
  recentRecovery: { startedAt: Date; startedByEmail: string | null; settledAs: SettledAs; hint: string | null } | null;
}

/** How long the page keeps saying that an interrupted rotation was recovered. */
const RECENT_RECOVERY_MS = 15 * 60_000;
const SETTLED_BY_OUTCOME: Record<string, SettledAs> = { recovered: "new_id", "recovered: no active id": "none_active", "recovered: no new id had been issued": "unchanged" };

/**
 * The page's state, from the database only: a rotation that a crash or a failed write left open
 * is recovered in the background once the page is answered (its state shown as "checking"; the
 * page reloads itself), so the render never waits on ClientPay. The recovery is system work,
 * audited without an actor.
 */
export async function getAccessIdOverview(viewer: Viewer, slug: string, deps: GatewayDeps = {}): Promise<AccessIdOverviewDto> {
  const merchant = await merchantFor(viewer, "access-ids:read", { slug });
  // Read first, then start any recovery: the page shows what is stored now, and says it is checking.
  const [row, open, last] = await Promise.all([
    db.clientpayAccessId.findUnique({ where: { merchantAccountId: merchant.id } }),
    findOpenRotation(merchant.id),
    db.accessIdRotation.findFirst({
      where: { merchantAccountId: merchant.id, status: "closed" },
      orderBy: { startedAt: "desc" },
      select: { startedAt: true, startedByEmail: true, closedAt: true, outcome: true },
    }),
  ]);
  const recovery = await recoverInBackground(merchant.id, viewer.email, deps);
  return {
    merchant: { id: merchant.id, slug: merchant.slug, name: merchant.name, environment: merchant.environment },
    clientpayHost: merchant.endpoints.clientpayHost,
    hint: row?.valueHint ?? null,
    usable: !!row?.valueSealed,
    state: toAccessIdState(row?.state),
    checkedAt: row?.checkedAt ?? null,
    checkedByEmail: row?.checkedByEmail ?? null,
    issuedAt: row?.issuedAt ?? null,
    issuedByEmail: row?.issuedByEmail ?? null,
    rotationInProgress: open ? { startedAt: open.startedAt, startedByEmail: open.startedByEmail } : null,
    lastRotation: last,
    recovery,
    recentRecovery:
      last?.closedAt && last.outcome && SETTLED_BY_OUTCOME[last.outcome] && Date.now() - last.closedAt.getTime() < RECENT_RECOVERY_MS
        ? { startedAt: last.startedAt, startedByEmail: last.startedByEmail, settledAs: SETTLED_BY_OUTCOME[last.outcome]!, hint: row?.valueHint ?? null }
        : null,
  };
}

// ---- checks -------------------------------------------------------------------------------

const VALIDATE: StoredIdCall = {
  action: "access_id.validate",
  call: (session) => session.validate(),
  onAccepted: markValid,
  result: "valid",
  message: (hint) => `ClientPay accepts the stored access ID (${hint}).`,
};

const TEST_REQUEST: StoredIdCall = {
  action: "access_id.test_request",
  call: async (session) => void (await session.generateRequestId()),
  onAccepted: markValid,
  result: "request_id_issued",
  message: (hint) => `ClientPay issued a request ID for the stored access ID (${hint}): ClientPay calls work. The request ID itself is not shown.`,
};

const EXPIRE: StoredIdCall = {
  action: "access_id.expire",
  call: (session) => session.expire(),
  onAccepted: (tx, target) => clearAccessId(tx, target.merchant.id, "expired", target.viewer.email),
  result: "expired",
  message: (hint) => `The access ID ${hint} was expired. ClientPay calls for this account will fail until an admin issues a new one.`,
};

/** Validate Access ID with the stored id; updates the state. Upstream failures change nothing. */
export async function validateAccessId(viewer: Viewer, slug: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<AccessIdResult> {
  return runStoredIdCall(await resolveTarget(viewer, "access-ids:validate", slug, meta), VALIDATE, deps);
}

/** Generate Request ID with the stored id. The request ID is dropped at once: it is never shown or stored. */
export async function testRequestId(viewer: Viewer, slug: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<AccessIdResult> {
  return runStoredIdCall(await resolveTarget(viewer, "access-ids:test-request", slug, meta), TEST_REQUEST, deps);
}

// ---- changes ------------------------------------------------------------------------------

/** Expire Access ID: the stored id stops working at once; ClientPay calls fail until a new one is issued. */
export async function expireAccessId(viewer: Viewer, slug: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<AccessIdResult> {
  const target = await resolveTarget(viewer, "access-ids:expire", slug, meta);
  await refuseWhileRotating(target, EXPIRE.action);
  return runStoredIdCall(target, EXPIRE, deps);
}

/** Current Access ID: stores what ClientPay considers current (after a rotation made elsewhere). */
export async function recoverAccessId(viewer: Viewer, slug: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<AccessIdResult> {
  const target = await resolveTarget(viewer, "access-ids:recover", slug, meta);
  const action = "access_id.recover";
  await refuseWhileRotating(target, action);
  const client = await clientpayClientFor(target.merchant, deps);
  const before = await storedHint(target.merchant.id);
  const stored = await openStoredAccessId(target.merchant.id).catch(() => null);
  let current: string | null;
  try {
    current = await client.currentAccessId();
  } catch (error) {
    await audit(target, action, "failure", { before, reason: failureReason(error) });
    throw upstreamFailure(error);
  }
  const merchantId = target.merchant.id;
  if (current === null) {
    await db.$transaction(async (tx) => {
      await clearAccessId(tx, merchantId, "expired", viewer.email);
      await audit(target, action, "success", { before, after: null, result: "none_active" }, tx);
    });
    return { status: "error", message: "ClientPay has no active access ID for this account. ClientPay calls will fail until an admin issues one with “Issue access ID”." };
  }
  if (current === stored) {
    await db.$transaction(async (tx) => {
      await markAccessIdState(tx, merchantId, "valid", viewer.email);
      await audit(target, action, "success", { before, after: before, result: "unchanged" }, tx);
    });
    return { status: "success", message: `The stored access ID (${before}) is already ClientPay's current one.` };
  }
  const after = await db.$transaction(async (tx) => {
    // Issued outside Paydesk (or before it stored one): when and by whom is not known.
    const hint = await storeAccessId(tx, merchantId, current, { state: "valid", issuedAt: null, issuedByEmail: null, checkedAt: new Date(), checkedByEmail: viewer.email });
    await audit(target, action, "success", { before, after: hint, result: "stored_current" }, tx);
    return hint;
  });
  return { status: "success", message: `Stored ClientPay's current access ID (${after})${before ? ` in place of ${before}` : ""}.` };
}

/**
 * New Access ID, journaled: the intent row is written first (a second rotation of the same
 * account is refused by its unique key), and the new id is stored in the transaction that
 * closes it. If ClientPay's answer is lost or the write fails, the journal is recovered
 * through Current Access ID — at once when possible, else on the next page load or start-up.
 * New Access ID expires the previous id at once (docs/clientpay-api.md, Credentials and access IDs).
 */
export async function rotateAccessId(viewer: Viewer, slug: string, meta: RequestMeta, deps: AccessIdDeps = {}): Promise<AccessIdResult> {
  const target = await resolveTarget(viewer, "access-ids:rotate", slug, meta);
  const action = "access_id.rotate";
  const merchantId = target.merchant.id;
  const client = await clientpayClientFor(target.merchant, deps);
  const before = await storedHint(merchantId);
  const hadUsable = !!(await db.clientpayAccessId.findUnique({ where: { merchantAccountId: merchantId }, select: { valueSealed: true } }))?.valueSealed;

  let rotation;
  try {
    rotation = await openRotation(merchantId, viewer.email);
  } catch (error) {
    if (error instanceof AppError) await audit(target, action, "failure", { before, reason: error.code });
    throw error;
  }

  try {
    let issued: string;
    try {
      issued = await client.newAccessId();
    } catch (error) {
      return await settleFailedIssue(target, client, rotation, before, error);
    }

    try {
      const hint = await db.$transaction(async (tx) => {
        const now = new Date();
        const stored = await storeAccessId(tx, merchantId, issued, { state: "valid", issuedAt: now, issuedByEmail: viewer.email, checkedAt: now, checkedByEmail: viewer.email });
        await deps.beforeCommit?.();
        // By id, not "where open": a recovery elsewhere may have closed it; this id is the newest either way.
        await tx.accessIdRotation.update({ where: { id: rotation.id }, data: { inFlightKey: null, status: "closed", closedAt: now, outcome: "completed" } });
        await audit(target, action, "success", { before, after: stored, rotationId: rotation.id }, tx);
        return stored;
      });
      return {
        status: "success",
        message: hadUsable
          ? `Rotated: the new access ID (${hint}) is stored and in use; the previous one (${before}) no longer works.`
          : `Issued a new access ID (${hint}); it is stored and in use.`,
      };
    } catch (error) {
      logger.error({ merchantId, rotationId: rotation.id, err: error }, "access id rotation: storing the new id failed; the journal stays open for recovery");
      abandonRotation(rotation.id);
      await audit(target, action, "failure", { before, reason: "store_failed", rotationId: rotation.id }).catch(() => undefined);
      throw new AppError(
        "rotation_store_failed",
        "ClientPay issued a new access ID, but saving it failed. It is recovered from ClientPay (Current Access ID) when this page next loads.",
        { cause: error },
      );
    }
  } finally {
    releaseRotation(rotation.id);
  }
}

/**
 * New Access ID failed. A refused key/PIN means nothing was issued; otherwise (5xx, timeout,
 * malformed answer) ClientPay may have issued and expired ids before the answer was lost, so
 * ask it which id is current and settle the journal with that.
 */
async function settleFailedIssue(
  target: Target,
  client: ClientpayClient,
  rotation: Awaited<ReturnType<typeof openRotation>>,
  before: string | null,
  error: unknown,
): Promise<AccessIdResult> {
  const action = "access_id.rotate";
  const reason = failureReason(error);
  if (isCredentialsRejected(error)) {
    await db.$transaction(async (tx) => {
      await closeRotation(tx, rotation.id, `failed: ${reason}`);
      await audit(target, action, "failure", { before, reason, rotationId: rotation.id }, tx);
    });
    throw upstreamFailure(error);
  }
  let current: string | null;
  try {
    current = await client.currentAccessId();
  } catch {
    abandonRotation(rotation.id);
    await audit(target, action, "failure", { before, reason, rotationId: rotation.id, journal: "left_open" });
    throw upstreamFailure(error, "Whether ClientPay issued a new access ID is not known yet; this page checks with ClientPay when it next loads.");
  }
  const stored = await openStoredAccessId(target.merchant.id).catch(() => null);
  const result = await settleRotation({ rotation, current, stored, storedHint: before, actor: target.viewer, trigger: "after_failure", unchangedOutcome: `failed: ${reason}` });
  if (result.settledAs === "unchanged" || !result.applied) {
    await audit(target, action, "failure", { before, reason, rotationId: rotation.id });
    throw upstreamFailure(error);
  }
  if (result.settledAs === "none_active") {
    return { status: "error", message: `${upstreamFailure(error, "").userMessage.trim()} ClientPay now has no active access ID; ClientPay calls will fail until one is issued.` };
  }
  return {
    status: "success",
    message: `${upstreamFailure(error, "").userMessage.trim()} ClientPay had issued a new access ID anyway: it was recovered and stored (${result.hint}).`,
  };
}
