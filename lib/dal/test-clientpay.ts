import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { receiveClientpayPostback } from "@/lib/inbound/clientpay-postback";
import { createClientpayEmulator, type ClientpayEmulatorOptions } from "@/sandbox/clientpay";
import { FIXED_ANCHOR, type WireJson } from "@/sandbox/clientpay/testing";
import { rotateAccessId } from "./access-ids";
import { openStoredAccessId } from "./internal/access-id-store";
import { replaceCurrentCredentials, storeIntegratorKey } from "./internal/credentials";
import { makeMerchant, makeViewer, META } from "./test-fixtures";

/**
 * DB tests of the ClientPay desk: a fresh in-process emulator (deterministic history) and a fresh
 * account on its "operating" demo keys with an access ID issued through the real rotation path.
 * The emulator's postbacks are delivered to the app's own receiver (lib/inbound), as ClientPay's
 * would reach the route, unless `postbacks: "drop"` makes every delivery fail.
 */
export async function clientpayDesk(options: { postbacks?: "deliver" | "drop"; emulator?: ClientpayEmulatorOptions } = {}) {
  await storeIntegratorKey("paydesk-sandbox-integrator", { actor: null });
  const delivered: Array<{ pageId: string; status: number }> = [];
  const deps = { fetch: (url: string, init?: RequestInit) => emulator.app.request(url, init) };
  const emulator = createClientpayEmulator({
    anchorDate: FIXED_ANCHOR,
    postbackRetrySeconds: [],
    postback: async (url) => {
      if (options.postbacks === "drop") return { status: 503 };
      const address = new URL(url);
      const pageId = decodeURIComponent(address.pathname.split("/").at(-1)!);
      const answer = await receiveClientpayPostback({ pageId, token: address.searchParams.get("t") ?? "", headers: new Headers({ "x-forwarded-for": "203.0.113.9" }) }, deps);
      delivered.push({ pageId, status: answer.status });
      return { status: answer.status };
    },
    ...options.emulator,
  });
  const [admin, manager, viewer] = [await makeViewer("ADMIN"), await makeViewer("MANAGER"), await makeViewer("VIEWER")];
  const merchant = await makeMerchant();
  await replaceCurrentCredentials(merchant.id, "clientpay", { key: "sandbox-operating", pin: "1111" }, { actor: null });
  for (const user of [manager, viewer]) await db.merchantGrant.create({ data: { userId: user.id, merchantAccountId: merchant.id } });
  await rotateAccessId(admin, merchant.slug, META, deps);

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: WireJson }> => {
    const response = await emulator.app.request(`http://emulator${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const control = async (method: string, path: string, body?: unknown) => (await send(method, `/__sandbox/clientpay/${path}`, body)).body;
  const counters = async () => (await control("GET", "counters")) as WireJson;
  const calls = async (path: string): Promise<number> => (await counters()).byPath[`POST /v2/${path}`] ?? 0;
  /** A call straight to the emulator with the account's stored access ID, as another integration would make. */
  const direct = async (path: string, body: Record<string, unknown>) => send("POST", `/v2/${path}`, body, { accessId: (await openStoredAccessId(merchant.id))! });
  const payDirectly = async (amountCents: number) => {
    const requestId = (await send("POST", "/v2/token/requestid", {}, { Authorization: (await openStoredAccessId(merchant.id))! })).body.requestId as string;
    const card = { cardholderName: "Dana Direct", cardNumber: "4111111111111111", expirationDateMonth: 12, expirationDateYear: 2099 };
    const answer = await direct("payment", { token: { requestId }, totalAmount: amountCents / 100, creditCard: card });
    return answer.body.paymentID as string;
  };
  return { emulator, deps, admin, manager, viewer, merchant, slug: merchant.slug, control, counters, calls, direct, payDirectly, delivered, send };
}

export type ClientpayDesk = Awaited<ReturnType<typeof clientpayDesk>>;
export type { Viewer };
export { META };
