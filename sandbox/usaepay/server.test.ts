import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { startUsaepayEmulator } from "./index";
import { basicAuth, OPERATING_KEY, OPERATING_PIN } from "./test-helpers";

describe("startUsaepayEmulator over real HTTP", () => {
  it("listens, answers with the documented status lines, and closes", async () => {
    const server = await startUsaepayEmulator({ hostname: "127.0.0.1", port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const ok = await fetch(`${server.url}api/v2/batches?limit=1`, { headers: { Authorization: basicAuth(OPERATING_KEY, OPERATING_PIN) } });
      expect(ok.status).toBe(200);
      const blocked = await fetch(`${server.url}api/IPACCESS/_`);
      expect(blocked.status).toBe(401);
      expect(blocked.statusText).toBe("Access Denied");
      await fetch(`${server.url}api/RATELIMT/_`);
      const limited = await fetch(`${server.url}api/RATELIMT/_`);
      expect(limited.status).toBe(429);
      expect(limited.statusText).toBe("API Rate Limit Exceed");
      expect(await limited.json()).toEqual({ error: "API Rate Limit Exceed", errorcode: 155 });
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}ping`)).rejects.toThrow();
  });

  it("tolerates client habits: a JSON body on GET (.NET client), [] on POST (PHP SDK), no User-Agent", async () => {
    const server = await startUsaepayEmulator({ hostname: "127.0.0.1", port: 0 });
    const send = (method: string, path: string, body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(`${server.url}${path}`, { method, headers: { Authorization: basicAuth(OPERATING_KEY, OPERATING_PIN), "Content-type": "application/json", "Content-Length": Buffer.byteLength(body) } }, (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      const get = await send("GET", "api/v2/transactions?limit=2", '{"command":"ignored"}');
      expect(get.status).toBe(200);
      expect(JSON.parse(get.text).data).toHaveLength(2);
      const close = await send("POST", "api/v2/batches/current/close", "[]");
      expect(close.status).toBe(200);
      expect(JSON.parse(close.text).status).toBe("closing");
    } finally {
      await server.close();
    }
  });
});
