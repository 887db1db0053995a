import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { startUsaepayEmulator } from "./index";
import { basicAuth, DOCS_EXAMPLE_HEADER, DOCS_KEY, DOCS_PIN, OPERATING_KEY, OPERATING_PIN, TEST_ANCHOR, testEmulator, TRUST_KEY, TRUST_PIN } from "./test-helpers";

describe("authentication (docs/usaepay-api.md, Authentication)", () => {
  it("accepts the docs' example header verbatim for the built-in example merchant", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/transactions?limit=1", { auth: DOCS_EXAMPLE_HEADER });
    expect(res.status).toBe(200);
    expect(res.json.type).toBe("list");
  });

  it("answers a missing header with 401 and errorcode 21002", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/transactions", { auth: null });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "API authentication failed", errorcode: 21002 });
  });

  it("answers an unknown key with 401 and errorcode 23", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/transactions", { auth: basicAuth("_unknownkey0000000000000000000000", "1234") });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "Specified source key not found.", errorcode: 23 });
  });

  it("answers a wrong PIN (bad hash) with 401 and errorcode 21002", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/transactions", { auth: basicAuth(OPERATING_KEY, "9999") });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "API authentication failed", errorcode: 21002 });
  });

  it("answers a password not in s2/<seed>/<hash> form with 21002", async () => {
    const { api } = testEmulator();
    const malformed = `Basic ${Buffer.from(`${OPERATING_KEY}:plainpassword`).toString("base64")}`;
    const res = await api("GET", "/api/v2/transactions", { auth: malformed });
    expect(res.status).toBe(401);
    expect(res.json.errorcode).toBe(21002);
    const notBasic = await api("GET", "/api/v2/transactions", { auth: "Bearer abc" });
    expect(notBasic.json.errorcode).toBe(21002);
  });

  it("compares the hash case-insensitively and accepts a repeated seed", async () => {
    const { api } = testEmulator();
    const header = basicAuth(OPERATING_KEY, "1111", "fixedseed");
    const decoded = Buffer.from(header.slice(6), "base64").toString();
    const upper = `Basic ${Buffer.from(decoded.replace(/[0-9a-f]{64}$/, (h) => h.toUpperCase())).toString("base64")}`;
    expect((await api("GET", "/api/v2/batches?limit=1", { auth: upper })).status).toBe(200);
    expect((await api("GET", "/api/v2/batches?limit=1", { auth: header })).status).toBe(200);
  });

  it("accepts an endpoint key in place of v2", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/ab12cd/transactions?limit=1");
    expect(res.status).toBe(200);
  });

  it("tolerates a trailing slash", async () => {
    const { api } = testEmulator();
    expect((await api("GET", "/api/v2/batches/current/")).json.type).toBe("batch");
  });

  it("answers unknown paths with 404 and errorcode 21001", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: "Path not found", errorcode: 21001 });
  });

  it("serves GET /ping with a body starting UP", async () => {
    const { emulator } = testEmulator();
    const res = await emulator.app.request("http://x/ping");
    expect((await res.text()).startsWith("UP")).toBe(true);
  });
});

describe("rate limits (docs/usaepay-api.md, Rate limits)", () => {
  it("serves 45 calls a minute, then the exact 429 body with an X-Rate-Limit header", async () => {
    const { api } = testEmulator({ ratePerMinute: 45, ratePerDay: 5000 });
    for (let i = 1; i <= 45; i += 1) {
      const res = await api("GET", "/api/v2/batches?limit=1");
      expect(res.status).toBe(200);
      expect(res.headers.get("X-Rate-Limit")).toBe(`"${i} of 45/min; ${i} of 5000/day"`);
    }
    const refused = await api("GET", "/api/v2/batches?limit=1");
    expect(refused.status).toBe(429);
    expect(refused.text).toBe('{"error":"API Rate Limit Exceed","errorcode":155}');
    expect(refused.headers.get("X-Rate-Limit")).toBe('"45 of 45/min; 45 of 5000/day"');
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("counts per endpoint key: another endpoint key has its own allowance", async () => {
    const { api } = testEmulator({ ratePerMinute: 2, ratePerDay: 5000 });
    await api("GET", "/api/v2/batches?limit=1");
    await api("GET", "/api/v2/batches?limit=1");
    expect((await api("GET", "/api/v2/batches?limit=1")).status).toBe(429);
    expect((await api("GET", "/api/otherkey/batches?limit=1")).status).toBe(200);
  });

  it("counts per endpoint key and client IP, not per API key: two merchants' keys share one allowance", async () => {
    const { api } = testEmulator({ ratePerMinute: 3, ratePerDay: 5000 });
    expect((await api("GET", "/api/v2/batches?limit=1")).headers.get("X-Rate-Limit")).toBe('"1 of 3/min; 1 of 5000/day"');
    expect((await api("GET", "/api/v2/batches?limit=1", { key: TRUST_KEY, pin: TRUST_PIN })).headers.get("X-Rate-Limit")).toBe('"2 of 3/min; 2 of 5000/day"');
    expect((await api("GET", "/api/v2/batches?limit=1", { key: DOCS_KEY, pin: DOCS_PIN })).status).toBe(200);
    const refused = await api("GET", "/api/v2/batches?limit=1", { key: TRUST_KEY, pin: TRUST_PIN });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("X-Rate-Limit")).toBe('"3 of 3/min; 3 of 5000/day"');
  });

  it("gives each client IP its own allowance (over real sockets from two loopback addresses)", async () => {
    const emulator = await startUsaepayEmulator({ port: 0, anchorDate: TEST_ANCHOR, ratePerMinute: 1, ratePerDay: 5000, warmCaches: false });
    const call = (localAddress: string) => new Promise<{ status: number; rateLimit?: string }>((resolve, reject) => {
      const request = httpRequest(`${emulator.url}api/v2/batches?limit=1`, { localAddress, headers: { Authorization: basicAuth(OPERATING_KEY, OPERATING_PIN) } }, (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, rateLimit: response.headers["x-rate-limit"] as string | undefined }));
      });
      request.on("error", reject);
      request.end();
    });
    try {
      expect(await call("127.0.0.1")).toEqual({ status: 200, rateLimit: '"1 of 1/min; 1 of 5000/day"' });
      expect((await call("127.0.0.1")).status).toBe(429);
      expect(await call("127.0.0.2")).toEqual({ status: 200, rateLimit: '"1 of 1/min; 1 of 5000/day"' });
    } finally {
      await emulator.close();
    }
  });

  it("applies the per-day limit too", async () => {
    const { api } = testEmulator({ ratePerMinute: 100, ratePerDay: 3 });
    for (let i = 0; i < 3; i += 1) expect((await api("GET", "/api/v2/batches?limit=1")).status).toBe(200);
    const refused = await api("GET", "/api/v2/batches?limit=1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("X-Rate-Limit")).toBe('"3 of 100/min; 3 of 3/day"');
  });

  it("rate-limits the second request to /api/RATELIMT/_", async () => {
    const { api } = testEmulator();
    const first = await api("GET", "/api/RATELIMT/_");
    expect(first.status).not.toBe(429);
    const second = await api("GET", "/api/RATELIMT/_");
    expect(second.status).toBe(429);
    expect(second.json).toEqual({ error: "API Rate Limit Exceed", errorcode: 155 });
  });

  it("honours a per-key override from the control plane", async () => {
    const { api, control } = testEmulator({ ratePerMinute: 45 });
    await control("PUT", `keys/${OPERATING_KEY}`, { perMinute: 1 });
    expect((await api("GET", "/api/v2/batches?limit=1")).status).toBe(200);
    const refused = await api("GET", "/api/v2/batches?limit=1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("X-Rate-Limit")).toContain("of 1/min");
  });
});

describe("IP restriction (docs/usaepay-api.md, Rate limits)", () => {
  it("blocks /api/IPACCESS/_ with 401 and errorcode 156", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/IPACCESS/_");
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "Access Denied", errorcode: 156 });
    expect(res.headers.get("X-Rate-Limit")).toMatch(/^"0 of \d+\/min; 0 of \d+\/day"$/);
  });

  it("blocks a key whose allow-list excludes the caller, and lifts it again", async () => {
    const { api, control } = testEmulator();
    await control("PUT", `keys/${OPERATING_KEY}`, { ipAllowList: ["10.1.2.3"] });
    const blocked = await api("GET", "/api/v2/batches?limit=1");
    expect(blocked.status).toBe(401);
    expect(blocked.json.errorcode).toBe(156);
    await control("PUT", `keys/${OPERATING_KEY}`, { ipAllowList: ["127.0.0.1"] });
    expect((await api("GET", "/api/v2/batches?limit=1")).status).toBe(200);
    await control("PUT", `keys/${OPERATING_KEY}`, { ipAllowList: null });
    expect((await api("GET", "/api/v2/batches?limit=1")).status).toBe(200);
  });

  it("blocks an endpoint key restricted through the control plane", async () => {
    const { api, control } = testEmulator();
    await control("PUT", "endpoints/partnerkey", { ipAllowList: ["192.0.2.1"] });
    expect((await api("GET", "/api/partnerkey/batches")).json.errorcode).toBe(156);
    expect((await api("GET", "/api/v2/batches")).status).toBe(200);
  });
});
