import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { upsertTransactionRows } from "@/lib/sync/mirror-store";
import { emptyUpstreamMerchant, makeMerchant, TEST_CARD, withControl, type TestEmulator } from "@/lib/sync/test-support";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { getTransactionDetail } from "./transactions";
import { makeViewer } from "./test-fixtures";

/**
 * Shared by the money DB tests: an in-process USAePay emulator, an empty emulated merchant with
 * its own key (so counters are this test's alone), a Paydesk account on it, and staff of each role
 * granted to it. The tests create the emulator; the app never imports the sandbox.
 */
type FetchFn = TestEmulator["fetch"];

export async function moneySetup(options: { wrapFetch?: (fetch: FetchFn) => FetchFn } = {}) {
  const emu = withControl(createUsaepayEmulator({ ratePerMinute: 100_000, ratePerDay: 1_000_000 }));
  const upstream = await emptyUpstreamMerchant(emu);
  const merchant = await makeMerchant({ key: upstream.key, pin: upstream.pin });
  const [manager, viewer, admin, otherManager] = await Promise.all([makeViewer("MANAGER"), makeViewer("VIEWER"), makeViewer("ADMIN"), makeViewer("MANAGER")]);
  for (const user of [manager, viewer, otherManager]) await db.merchantGrant.create({ data: { userId: user.id, merchantAccountId: merchant.id } });
  const fetch = options.wrapFetch ? options.wrapFetch(emu.fetch) : emu.fetch;
  const deps = { fetch };
  const counters = async () => (await emu.control("GET", `counters/${upstream.key}`)) as { calls: number; routes: Record<string, number> };
  const posts = async () => (await counters()).routes["POST /transactions"] ?? 0;
  // Made at the gateway and copied to the mirror as a sync page would: detail pages read the mirror.
  const mirrored = async (tx: UsaepayTransaction) => {
    await upsertTransactionRows(db, [transactionRow(merchant.id, tx)], new Date());
    return tx;
  };
  const sale = async (amountCents: number, invoice = `INV-${randomUUID().slice(0, 6)}`) => mirrored(await upstream.client.sale({ amountCents, card: TEST_CARD, invoice }));
  const authorize = async (amountCents: number) => mirrored(await upstream.client.authorize({ amountCents, card: TEST_CARD }));
  const closeBatch = () => emu.control("POST", "batches/close", { apiKey: upstream.key });
  return { emu, upstream, merchant, manager, viewer, admin, otherManager, deps, counters, posts, sale, authorize, closeBatch };
}

export type MoneySetup = Awaited<ReturnType<typeof moneySetup>>;

/**
 * A fetch whose next matching call, once armed, loses its answer: after reaching the gateway
 * (money moves) or, with `reachesGateway: false`, before (nothing happens). Either way the caller
 * sees a connection reset after sending, so the outcome is unknown.
 */
export function losingAnswer(match: (url: string, init?: RequestInit) => boolean, options: { reachesGateway?: boolean } = {}) {
  let armed = false;
  return {
    arm: () => void (armed = true),
    wrap: (fetch: FetchFn): FetchFn =>
      async (input, init) => {
        if (!armed || !match(String(input), init)) return fetch(input, init);
        armed = false;
        if (options.reachesGateway !== false) await fetch(input, init);
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
      },
  };
}

/** Answers as a gateway that names no refund links (the public docs name none). */
export function withoutRefundLinks(fetch: FetchFn): FetchFn {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.headers.get("content-type")?.includes("json")) return response;
    const strip = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(strip);
      if (!value || typeof value !== "object") return value;
      const { refunds: _refunds, refund_of: _refundOf, ...rest } = value as Record<string, unknown>;
      return Object.fromEntries(Object.entries(rest).map(([name, inner]) => [name, strip(inner)]));
    };
    const body = JSON.stringify(strip(await response.json()));
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

export const reason = { reasonCode: "customer_request" as const, reasonText: "Returned the item" };

export type Staff = Viewer;

/** A transaction's detail page data, which these tests always expect to exist (the mirror holds the key). */
export async function transactionPage(...args: Parameters<typeof getTransactionDetail>) {
  const detail = await getTransactionDetail(...args);
  if (!detail) throw new Error("the transaction is not in the mirror");
  return detail;
}
