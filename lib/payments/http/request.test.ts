import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GatewayError, isOutcomeUnknown, OUTCOME_UNKNOWN_MESSAGE } from "./errors";
import { computeBackoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter } from "./retry";
import { redactSecrets } from "./redact";
import { createHttpClient, type FetchLike } from "./request";
import { kindForStatus } from "./status";

const okSchema = z.object({ ok: z.literal(true) });

function scripted(responses: (() => Response | Promise<Response>)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const next = responses[Math.min(calls.length - 1, responses.length - 1)];
    if (!next) throw new Error("no scripted response");
    return next();
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

function client(fetch: FetchLike, extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const sleeps: number[] = [];
  const http = createHttpClient({
    gateway: "usaepay",
    baseUrl: "https://gateway.test/api/v2",
    fetch,
    mapError: ({ status, headers }) => new GatewayError({ gateway: "usaepay", kind: kindForStatus(status), status, rateLimit: headers.get("retry-after") ? { retryAfterSeconds: Number(headers.get("retry-after")) } : undefined }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1,
    ...extra,
  });
  return { http, sleeps };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected rejection");
}

describe("createHttpClient", () => {
  it("builds the URL from base + path + query and parses the body with the schema", async () => {
    const { fetch, calls } = scripted([json({ ok: true, extra: 1 })]);
    const { http } = client(fetch);
    const res = await http.request({ method: "GET", path: "transactions", query: { limit: 10, skip: undefined }, schema: okSchema });
    expect(res.data).toEqual({ ok: true });
    expect(calls[0]?.url).toBe("https://gateway.test/api/v2/transactions?limit=10");
  });

  it("retries reads on retryable errors with exponential backoff, then succeeds", async () => {
    const { fetch, calls } = scripted([json({}, 503), json({}, 502), json({ ok: true })]);
    const { http, sleeps } = client(fetch);
    const res = await http.request({ method: "GET", path: "x", schema: okSchema });
    expect(res.attempts).toBe(3);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it("never retries a POST unless it is marked idempotent", async () => {
    const { fetch, calls } = scripted([json({}, 503), json({ ok: true })]);
    const { http } = client(fetch);
    const error = await rejection(http.request({ method: "POST", path: "transactions", body: { a: 1 }, schema: okSchema }));
    expect(error.kind).toBe("unavailable");
    expect(calls).toHaveLength(1);
    const again = scripted([json({}, 503), json({ ok: true })]);
    const res = await client(again.fetch).http.request({ method: "POST", path: "search", body: {}, schema: okSchema, idempotent: true });
    expect(res.attempts).toBe(2);
  });

  it("does not retry non-retryable errors", async () => {
    const { fetch, calls } = scripted([json({}, 400), json({ ok: true })]);
    const error = await rejection(client(fetch).http.request({ method: "GET", path: "x", schema: okSchema }));
    expect(error.kind).toBe("validation");
    expect(calls).toHaveLength(1);
  });

  it("waits what a 429 asks for, and gives up when that exceeds maxRetryAfterMs", async () => {
    const short = scripted([json({}, 429, { "Retry-After": "2" }), json({ ok: true })]);
    const first = client(short.fetch);
    await first.http.request({ method: "GET", path: "x", schema: okSchema });
    expect(first.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(first.sleeps[0]).toBeLessThanOrEqual(2200);
    const long = scripted([json({}, 429, { "Retry-After": "60" }), json({ ok: true })]);
    const error = await rejection(client(long.fetch).http.request({ method: "GET", path: "x", schema: okSchema }));
    expect(error.kind).toBe("rate_limited");
    expect(long.calls).toHaveLength(1);
  });

  it("turns a schema mismatch or a non-JSON body into bad_shape", async () => {
    const mismatch = scripted([json({ ok: "yes" })]);
    expect((await rejection(client(mismatch.fetch).http.request({ method: "GET", path: "x", schema: okSchema }))).kind).toBe("bad_shape");
    const html = scripted([() => new Response("<html>oops</html>", { status: 200 })]);
    expect((await rejection(client(html.fetch).http.request({ method: "GET", path: "x", schema: okSchema }))).kind).toBe("bad_shape");
  });

  it("times out a call that never answers, as a network error", async () => {
    const never: FetchLike = () => new Promise<Response>(() => undefined);
    const error = await rejection(client(never, { timeoutMs: 30, retry: { maxAttempts: 1 } }).http.request({ method: "GET", path: "x", schema: okSchema }));
    expect(error.kind).toBe("network");
    expect(error.retryable).toBe(true);
  });

  it("maps a thrown fetch (connection refused) to network without leaking the URL's secrets", async () => {
    const refusing: FetchLike = async () => {
      throw new TypeError("fetch failed: connect ECONNREFUSED https://gateway.test/api/SECRETENDPOINT/");
    };
    const error = await rejection(client(refusing, { secrets: ["SECRETENDPOINT"], retry: { maxAttempts: 1 } }).http.request({ method: "GET", path: "x", schema: okSchema }));
    expect(error.kind).toBe("network");
    expect(String((error.cause as Error).message)).not.toContain("SECRETENDPOINT");
  });

  it("redacts per-call secrets from log lines", async () => {
    const lines: string[] = [];
    const logger = { debug: (obj: object) => lines.push(JSON.stringify(obj)), warn: (obj: object) => lines.push(JSON.stringify(obj)) };
    const { fetch } = scripted([json({ ok: true })]);
    await client(fetch, { logger }).http.request({ method: "GET", path: "requests/req-7f3a9c21", schema: okSchema, secrets: ["req-7f3a9c21"] });
    expect(lines.join("\n")).not.toContain("req-7f3a9c21");
    expect(lines.join("\n")).toContain("[redacted]");
  });

  it("calls the headers builder on every attempt and reports every response", async () => {
    const { fetch, calls } = scripted([json({}, 503), json({ ok: true })]);
    let built = 0;
    const statuses: number[] = [];
    await client(fetch, { headers: () => ({ Authorization: `Basic ${++built}` }), onResponse: ({ status }) => statuses.push(status) }).http.request({ method: "GET", path: "x", schema: okSchema });
    expect(calls.map((c) => (c.init.headers as Record<string, string>).Authorization)).toEqual(["Basic 1", "Basic 2"]);
    expect(statuses).toEqual([503, 200]);
  });

  it("propagates the caller's abort instead of mapping it", async () => {
    const never: FetchLike = () => new Promise<Response>(() => undefined);
    const controller = new AbortController();
    const pending = client(never).http.request({ method: "GET", path: "x", schema: okSchema, signal: controller.signal });
    controller.abort(new Error("user cancelled"));
    await expect(pending).rejects.toThrow("user cancelled");
  });
});

describe("outcome unknown (a write that may have been acted on)", () => {
  const post = (http: ReturnType<typeof client>["http"]) => http.request({ method: "POST", path: "transactions", body: { command: "refund" }, schema: okSchema });
  const refused = (code: string): FetchLike => async () => {
    throw new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
  };

  it("flags a POST that timed out after sending, and a broken connection, but not a read", async () => {
    const never: FetchLike = () => new Promise<Response>(() => undefined);
    const timedOut = await rejection(post(client(never, { timeoutMs: 20 }).http));
    expect(timedOut).toMatchObject({ kind: "network", outcomeUnknown: true });
    const reset = await rejection(post(client(refused("ECONNRESET")).http));
    expect(reset.outcomeUnknown).toBe(true);
    const read = await rejection(client(never, { timeoutMs: 20, retry: { maxAttempts: 1 } }).http.request({ method: "GET", path: "x", schema: okSchema }));
    expect(read.outcomeUnknown).toBe(false);
  });

  it("does not flag failures that prove nothing was sent or that the upstream refused", async () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND"]) expect((await rejection(post(client(refused(code)).http))).outcomeUnknown).toBe(false);
    const nested: FetchLike = async () => {
      throw new TypeError("fetch failed", { cause: new AggregateError([Object.assign(new Error("v6"), { code: "ECONNREFUSED" }), Object.assign(new Error("v4"), { code: "ECONNREFUSED" })]) });
    };
    expect((await rejection(post(client(nested).http))).outcomeUnknown).toBe(false);
    for (const status of [400, 401, 404, 429]) {
      expect((await rejection(post(client(scripted([json({}, status)]).fetch).http))).outcomeUnknown, String(status)).toBe(false);
    }
  });

  it("flags a 5xx, a 408 and an unreadable 2xx answer to a POST, and only one call is made", async () => {
    for (const status of [500, 502, 503, 504, 408]) {
      const { fetch, calls } = scripted([json({}, status), json({ ok: true })]);
      const error = await rejection(post(client(fetch).http));
      expect(error.outcomeUnknown, String(status)).toBe(true);
      expect(calls).toHaveLength(1);
    }
    const html = scripted([() => new Response("<html>done?</html>", { status: 200 })]);
    expect(await rejection(post(client(html.fetch).http))).toMatchObject({ kind: "bad_shape", outcomeUnknown: true });
    const mismatch = scripted([json({ ok: "maybe" })]);
    expect(await rejection(post(client(mismatch.fetch).http))).toMatchObject({ kind: "bad_shape", outcomeUnknown: true });
  });

  it("keeps kind and status when flagging, says the outcome is unknown, is never retryable, and isOutcomeUnknown recognises it", async () => {
    const { fetch } = scripted([json({}, 503)]);
    const error = await rejection(post(client(fetch).http));
    expect(error).toMatchObject({ kind: "unavailable", status: 503, retryable: false, userMessage: OUTCOME_UNKNOWN_MESSAGE });
    expect(isOutcomeUnknown(error)).toBe(true);
    expect(isOutcomeUnknown(new GatewayError({ gateway: "usaepay", kind: "network" }))).toBe(false);
    expect(isOutcomeUnknown(new Error("x"))).toBe(false);
  });
});

describe("retry helpers", () => {
  it("caps exponential steps and applies full jitter", () => {
    expect(computeBackoffMs(DEFAULT_RETRY_POLICY, 1, undefined, () => 1)).toBe(250);
    expect(computeBackoffMs(DEFAULT_RETRY_POLICY, 10, undefined, () => 1)).toBe(4000);
    expect(computeBackoffMs(DEFAULT_RETRY_POLICY, 3, undefined, () => 0)).toBe(0);
  });

  it("parses Retry-After seconds and dates", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("redactSecrets", () => {
  it("removes plain, URL-encoded and base64 forms and any Authorization value", () => {
    const key = "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7";
    const text = `key=${key} enc=${encodeURIComponent("a b/c")} b64=${Buffer.from(key).toString("base64")} authorization: Basic dXNlcjpwYXNz`;
    const out = redactSecrets(text, [key, "a b/c"]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent("a b/c"));
    expect(out).not.toContain(Buffer.from(key).toString("base64"));
    expect(out).not.toContain("dXNlcjpwYXNz");
  });
});
