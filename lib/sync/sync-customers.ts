import "server-only";
import { db } from "@/lib/db";
import { isGatewayError } from "@/lib/payments/http";
import { budgeted, rest, type SyncContext } from "./context";
import { customerDetailFields, customerListRow } from "./mirror-rows";
import { walkFullList } from "./full-walk";
import { countKnownCustomers, writeCustomerPage } from "./mirror-store";

/**
 * Customers: a full walk first, then head-of-list reads until a page holds known
 * customers. The list omits payment methods and schedules, so a few detail calls per run
 * (oldest-unfetched first is pointless; newest first matches what people open) fill them in
 * with what is left of the budget; the detail page also stores what it fetches live.
 */
export async function syncCustomers(ctx: SyncContext): Promise<void> {
  const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: ctx.merchantAccountId, resource: "customers" } } });
  if (state.mode === "full") {
    await walkFullList(ctx, {
      resource: "customers",
      startOffset: state.cursorOffset,
      knownTotal: state.upstreamTotal,
      fetchPage: (limit, offset, signal) => ctx.client.listCustomers({ limit, offset, signal }),
      toRows: (items) => items.map((customer) => customerListRow(ctx.merchantAccountId, customer)),
      writePage: (pageRows, cursor) => writeCustomerPage(ctx.merchantAccountId, pageRows, cursor),
    });
  } else await incremental(ctx);
  // Details only once the first full sync is done: until then every call serves the lists.
  const transactions = await db.syncState.findUnique({ where: { merchantAccountId_resource: { merchantAccountId: ctx.merchantAccountId, resource: "transactions" } }, select: { mode: true } });
  if (transactions?.mode === "incremental") await fetchDetails(ctx);
}

const cursorFor = (ctx: SyncContext) => ({ owner: ctx.owner, resource: "customers" as const, leaseMs: ctx.settings.leaseMs, now: ctx.now });

async function incremental(ctx: SyncContext) {
  let offset = 0;
  for (;;) {
    const startedAt = performance.now();
    const page = await budgeted(ctx, () => ctx.client.listCustomers({ limit: ctx.settings.pageSize, offset, signal: ctx.signal }));
    const known = await countKnownCustomers(ctx.merchantAccountId, page.items.map((customer) => customer.key));
    await writeCustomerPage(
      ctx.merchantAccountId,
      page.items.map((customer) => customerListRow(ctx.merchantAccountId, customer)),
      { ...cursorFor(ctx), data: { upstreamTotal: page.total, processedDelta: page.items.length } },
    );
    offset += page.items.length;
    if (known > 0 || page.items.length === 0 || offset >= page.total) return;
    await rest(ctx, startedAt);
  }
}

async function fetchDetails(ctx: SyncContext) {
  if (ctx.settings.detailsPerRun <= 0) return;
  const missing = await db.mirrorCustomer.findMany({
    where: { merchantAccountId: ctx.merchantAccountId, detailSyncedAt: null },
    select: { key: true },
    orderBy: { gatewayId: "desc" },
    take: ctx.settings.detailsPerRun,
  });
  for (const { key } of missing) {
    try {
      const customer = await budgeted(ctx, () => ctx.client.getCustomer(key, ctx.signal));
      await storeCustomerDetail(ctx.merchantAccountId, customer);
    } catch (error) {
      // Deleted upstream since the list was read: drop it from the mirror.
      if (isGatewayError(error) && error.kind === "not_found") await db.mirrorCustomer.deleteMany({ where: { merchantAccountId: ctx.merchantAccountId, key } });
      else throw error;
    }
  }
}

export async function storeCustomerDetail(merchantAccountId: string, customer: Parameters<typeof customerListRow>[1]): Promise<void> {
  const row = { ...customerListRow(merchantAccountId, customer), ...customerDetailFields(customer) };
  await db.mirrorCustomer.upsert({ where: { merchantAccountId_key: { merchantAccountId, key: customer.key } }, create: row, update: row });
}
