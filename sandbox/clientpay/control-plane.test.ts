import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startClientpayEmulator, type StartedClientpayEmulator } from "./index";
import { emulatorHarness, FIXED_ANCHOR, OPERATING, type EmulatorHarness } from "./testing";

describe("ClientPay emulator: control plane", () => {
  let h: EmulatorHarness;
  beforeEach(() => {
    h = emulatorHarness();
  });

  it("lists the demo credentials and the current accessId per account", async () => {
    const none = await h.control("GET", "credentials");
    expect(none.body).toMatchObject({
      integratorKey: "paydesk-sandbox-integrator",
      accounts: [
        { name: "operating", accountKey: "sandbox-operating", accountPin: "1111", currentAccessId: null },
        { name: "trust", accountKey: "sandbox-trust", accountPin: "2222", currentAccessId: null },
      ],
    });
    const accessId = await h.newAccessId();
    expect((await h.control("GET", "credentials")).body.accounts[0].currentAccessId).toBe(accessId);
  });

  it("reset restores the seed and drops every token", async () => {
    const accessId = await h.newAccessId();
    await h.withToken("payer", accessId, { payer: { firstName: "Temp" } });
    const payers = h.emulator.store.payers.size;
    expect((await h.control("POST", "reset")).status).toBe(200);
    expect(h.emulator.store.payers.size).toBe(payers - 1);
    expect((await h.v2("token/accessid/validate", undefined, { accessId })).body.isValid).toBe(false);
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(404);
  });

  it("injects 500 and 503 in the documented error shape, per path, for the next N calls", async () => {
    await h.control("POST", "faults", { kind: "503", path: "/v2/token/accessid/current", count: 2 });
    const accessId = await h.newAccessId();
    const first = await h.v2("token/accessid/current", OPERATING);
    expect(first).toEqual({ status: 503, body: { success: false, message: expect.any(String), errors: [] } });
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(503);
    expect((await h.v2("token/accessid/current", OPERATING)).body.accessId).toBe(accessId);
    await h.control("POST", "faults", { kind: "http500", path: "/v2/token/*" });
    expect((await h.v2("token/accessid/validate", undefined, { accessId })).status).toBe(500);
    expect((await h.control("GET", "faults")).body.faults).toHaveLength(1);
    await h.control("DELETE", "faults");
    expect((await h.v2("token/accessid/validate", undefined, { accessId })).status).toBe(200);
  });

  it("a fault answers before the handler runs: New Access ID under a 500 issues nothing", async () => {
    await h.control("POST", "faults", { kind: "http500", path: "/v2/token/accessid", count: 1 });
    expect((await h.v2("token/accessid", OPERATING)).status).toBe(500);
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(404);
  });

  it("injects malformed JSON with a 200 status", async () => {
    await h.control("POST", "faults", { kind: "malformed_json", path: "/v2/token/accessid" });
    const answer = await h.v2("token/accessid", OPERATING);
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.body)).toThrow();
  });

  it("injects a timeout that holds the call for holdMs, then answers 504", async () => {
    const waits: number[] = [];
    h = emulatorHarness({ wait: async (ms) => void waits.push(ms) });
    await h.control("POST", "faults", { kind: "timeout", path: "/v2/token/accessid/current", holdMs: 150 });
    const answer = await h.v2("token/accessid/current", OPERATING);
    expect(waits).toEqual([150]);
    expect(answer.status).toBe(504);
  });

  it("adds fixed latency per path", async () => {
    const waits: number[] = [];
    h = emulatorHarness({ wait: async (ms) => void waits.push(ms) });
    await h.control("PUT", "latency", { fixedMs: 120, jitterMs: 0, path: "/v2/token/credentials/validate" });
    await h.v2("token/credentials/validate", OPERATING);
    expect(waits).toEqual([120]);
    await h.v2("token/accessid/current", OPERATING);
    expect(waits).toEqual([120]);
  });

  it("counts calls per path and per account, including faulted ones", async () => {
    await h.newAccessId();
    await h.newAccessId({ integratorKey: OPERATING.integratorKey, accountKey: "sandbox-trust", accountPin: "2222" });
    await h.control("POST", "faults", { kind: "503", path: "/v2/token/accessid/current", count: 1 });
    await h.v2("token/accessid/current", OPERATING);
    const counters = (await h.control("GET", "counters")).body;
    expect(counters.byPath["POST /v2/token/accessid"]).toBe(2);
    expect(counters.byPath["POST /v2/token/accessid/current"]).toBe(1);
    expect(counters.byAccount.operating["POST /v2/token/accessid"]).toBe(1);
    expect(counters.byAccount.trust["POST /v2/token/accessid"]).toBe(1);
    expect(counters.total).toBe(3);
    await h.control("DELETE", "counters");
    expect((await h.control("GET", "counters")).body.total).toBe(0);
  });

  it("hold: the rotation takes effect at once, the response waits for release", async () => {
    const old = await h.newAccessId();
    await h.control("POST", "hold", { path: "/v2/token/accessid" });
    let settled = false;
    const pending = h.v2("token/accessid", OPERATING).then((answer) => {
      settled = true;
      return answer;
    });
    const held = (await h.control("GET", "held?waitMs=2000")).body.held;
    expect(held).toEqual([expect.objectContaining({ path: "/v2/token/accessid", account: "operating", status: 200, clientGone: false })]);
    expect(settled).toBe(false);
    // ClientPay already considers the new id current and the old one dead.
    const current = (await h.v2("token/accessid/current", OPERATING)).body.accessId;
    expect(current).not.toBe(old);
    expect((await h.v2("token/accessid/validate", undefined, { accessId: old })).body.isValid).toBe(false);
    expect((await h.control("POST", "release", { id: held[0].id })).body.released).toBe(1);
    const answer = await pending;
    expect(answer.body.accessId).toBe(current);
    expect((await h.control("GET", "held")).body.held).toEqual([]);
    await h.control("DELETE", "hold");
    expect((await h.v2("token/accessid", OPERATING)).status).toBe(200);
  });

  it("hold with count only holds that many calls", async () => {
    await h.control("POST", "hold", { path: "/v2/token/accessid/current", count: 1 });
    await h.newAccessId();
    const first = h.v2("token/accessid/current", OPERATING);
    await h.control("GET", "held?waitMs=2000");
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(200);
    await h.control("POST", "release", {});
    expect((await first).status).toBe(200);
  });

  it("GET held with waitMs returns empty after the wait when nothing arrives", async () => {
    expect((await h.control("GET", "held?waitMs=50")).body.held).toEqual([]);
  });

  it("lists pages and payers per account, and refuses an unknown account", async () => {
    const pages = (await h.control("GET", "pages?account=operating")).body.pages;
    expect(pages).toHaveLength(11);
    expect(pages.every((page: { account: string; url: string; body?: unknown }) => page.account === "operating" && page.url.includes("/app/api/#/") && page.body === undefined)).toBe(true);
    const payers = (await h.control("GET", "payers?account=sandbox-trust")).body.payers;
    expect(payers).toHaveLength(30);
    expect(JSON.stringify(payers)).not.toMatch(/\d{12,}/);
    expect((await h.control("GET", "pages?account=nobody")).status).toBe(400);
  });
});

describe("ClientPay emulator over HTTP: crash during a held rotation", () => {
  let server: StartedClientpayEmulator;
  beforeEach(async () => {
    server = await startClientpayEmulator({ port: 0, anchorDate: FIXED_ANCHOR });
  });
  afterEach(async () => {
    await server.close();
  });

  const post = (path: string, body: unknown, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), ...init });

  it("serves /v2 with a trailing-slash base url and survives a caller that disappears while held", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const old = (await (await post("v2/token/accessid", OPERATING)).json()).accessId;
    await post("__sandbox/clientpay/hold", { path: "/v2/token/accessid" });
    const app = new AbortController();
    const rotation = post("v2/token/accessid", OPERATING, { signal: app.signal }).catch((error: unknown) => error);
    const held = (await (await fetch(`${server.url}__sandbox/clientpay/held?waitMs=2000`)).json()).held;
    expect(held).toHaveLength(1);
    app.abort(); // the app process dies while it waits
    expect(await rotation).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await (await fetch(`${server.url}__sandbox/clientpay/held`)).json()).held[0].clientGone).toBe(true);
    expect((await (await post("__sandbox/clientpay/release", {})).json()).released).toBe(1);
    // The restarted app recovers the id ClientPay considers current.
    const current = (await (await post("v2/token/accessid/current", OPERATING)).json()).accessId;
    expect(current).not.toBe(old);
    const valid = await fetch(`${server.url}v2/token/accessid/validate`, { method: "POST", headers: { accessId: current } });
    expect((await valid.json()).isValid).toBe(true);
  });
});

describe("ClientPay emulator over HTTP: hosted pages and real postbacks", () => {
  let server: StartedClientpayEmulator;
  let listener: Server;
  const received: unknown[] = [];
  let answers: number[] = [];

  beforeEach(async () => {
    received.length = 0;
    listener = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk) => (text += chunk));
      request.on("end", () => {
        received.push({ url: request.url, body: JSON.parse(text) });
        response.statusCode = answers.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    // A long retry delay: the test flushes retries through the control plane instead of waiting.
    server = await startClientpayEmulator({ port: 0, anchorDate: FIXED_ANCHOR, postbackRetrySeconds: [3600] });
  });
  afterEach(async () => {
    await server.close();
    await new Promise((resolve) => listener.close(resolve));
  });

  const json = async (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    (await fetch(`${server.url}${path}`, { method: body === undefined ? "GET" : "POST", headers: { "Content-Type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })).json();

  it("serves the page at the URL it returned and delivers postbacks, retrying a refused one", async () => {
    const accessId = (await json("v2/token/accessid", OPERATING)).accessId;
    const requestId = (await json("v2/token/requestid", {}, { Authorization: accessId })).requestId;
    const hook = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hook?t=secret`;
    const created = await json("v2/paymentpage/invoice", { token: { requestId }, invoices: [{ invoiceNumber: "H-1", invoiceDate: "2026-01-01", outstandingBalance: 42 }], responseOptions: { serverSideReturnAddress: hook } }, { accessId });
    expect(created.paymentPageUrl).toBe(`${server.url}app/api/#/invoicePaymentPage/${requestId}`);
    const shell = await fetch(created.paymentPageUrl);
    expect(await shell.text()).toContain("location.replace");
    const served = await fetch(`${server.url}app/api/invoicePaymentPage/${requestId}`);
    expect(served.headers.get("content-type")).toContain("text/html");
    expect(await served.text()).toContain("H-1");

    answers = [503];
    const form = new URLSearchParams({ method: "card", cardholderName: "Jo Doe", cardNumber: "4111111111111111", expMonth: "1", expYear: "2099" });
    const paid = await fetch(`${server.url}app/api/invoicePaymentPage/${requestId}`, { method: "POST", body: form, redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(received.map((entry) => (entry as { url: string }).url)).toEqual(["/hook?t=secret", "/hook?t=secret"]);
    const deliveries = (await json("__sandbox/clientpay/postbacks")).postbacks;
    expect(deliveries.map((entry: { state: string }) => entry.state)).toEqual(["pending", "delivered"]);
    expect((await json("__sandbox/clientpay/postbacks/flush", {})).attempted).toBe(1);
    expect(received).toHaveLength(3);
    expect(received[2]).toEqual(received[0]);
    expect((await json("__sandbox/clientpay/postbacks")).postbacks.map((entry: { state: string }) => entry.state)).toEqual(["delivered", "delivered"]);
  });
});
