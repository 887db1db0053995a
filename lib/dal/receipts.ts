import "server-only";
import type { ActionState } from "@/lib/actions/action-state";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { isGatewayError } from "@/lib/payments/http";
import type { RequestMeta } from "@/lib/request-meta";
import { withInteractiveBudget } from "@/lib/sync";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";

/**
 * A transaction's receipt as USAePay renders it (GET /transactions/{key}/receipts/{template}: base64
 * HTML, docs/usaepay-api.md, "Receipts"), and emailing it (POST /transactions/{key}/send with
 * `toemail`). The HTML is the gateway's, not ours: pages show it only inside a sandboxed frame
 * with a strict content security policy, never in the page itself.
 */
type Deps = Pick<GatewayDeps, "fetch">;

export type Receipt = ({ ok: true; html: string } | { ok: false; message: string }) & {
  /** The customer's email on the transaction (Paydesk's copy), to offer as the recipient. */
  customerEmail: string | null;
};

export async function getReceipt(viewer: Viewer, slug: string, key: string, deps?: Deps): Promise<Receipt> {
  const merchant = await merchantFor(viewer, "transactions:read", { slug });
  const row = await db.mirrorTransaction.findUnique({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key } }, select: { customerEmail: true } });
  return { ...(await renderReceipt(merchant, key, deps)), customerEmail: row?.customerEmail ?? null };
}

async function renderReceipt(merchant: MerchantDto, key: string, deps?: Deps): Promise<{ ok: true; html: string } | { ok: false; message: string }> {
  try {
    const html = await withInteractiveBudget(merchant, "read", async ({ onRateLimit }) => (await usaepayClientFor(merchant, { fetch: deps?.fetch, onRateLimit })).getReceipt(key));
    return { ok: true, html };
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return { ok: false, message: error.userMessage };
    if (isGatewayError(error)) return { ok: false, message: error.kind === "not_found" ? "USAePay has no receipt for this transaction." : error.userMessage };
    throw error;
  }
}

/** Emails the standard receipt. Not retried: a repeat would send it twice. */
export async function emailReceipt(viewer: Viewer, slug: string, input: { key: string; email: string }, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const merchant = await merchantFor(viewer, "transactions:email-receipt", { slug });
  const audit = (outcome: "success" | "failure", code?: string) =>
    recordAuditEvent({ actor: viewer, action: "transaction.receipt.email", outcome, targetType: "transaction", targetId: input.key, meta, details: { merchantId: merchant.id, toEmail: input.email, ...(code ? { code } : {}) } });
  try {
    await withInteractiveBudget(merchant, "action", async ({ onRateLimit }) => (await usaepayClientFor(merchant, { fetch: deps?.fetch, onRateLimit })).emailReceipt({ transactionKey: input.key, toEmail: input.email }));
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return { status: "error", message: error.userMessage };
    if (!isGatewayError(error)) throw error;
    await audit("failure", `${error.kind}${error.upstreamCode ? `:${error.upstreamCode}` : ""}`);
    return { status: "error", message: error.outcomeUnknown ? "USAePay did not confirm it; the receipt may or may not have been sent." : error.userMessage };
  }
  await audit("success");
  return { status: "success", message: `USAePay is emailing the receipt to ${input.email}.` };
}
