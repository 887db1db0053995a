import { notFound } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, GENERIC_USER_MESSAGE } from "@/lib/errors";
import { defineRoute } from "./define-route";

// The session comes from Next's request scope, which a unit test has not got.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => session.viewer }));

const manager: Viewer = { id: "u1", email: "manager@example.test", name: "M", role: "MANAGER" };
const handler = vi.fn(async (_viewer: Viewer, input: { params: { table: string }; searchParams: URLSearchParams }) => Response.json({ table: input.params.table, q: input.searchParams.get("q") }));
const route = defineRoute({
  name: "test",
  params: z.object({ table: z.enum(["transactions", "audit"]) }),
  permission: (params) => (params.table === "audit" ? "audit:read" : "transactions:export"),
  handler,
});
const call = (table: string, query = "") => route(new Request(`http://app.test/api/export/${table}${query}`, { headers: { "x-forwarded-for": "198.51.100.7" } }), { params: Promise.resolve({ table }) });

beforeEach(() => {
  session.viewer = manager;
  handler.mockClear();
});

describe("defineRoute", () => {
  it("answers 401 without a session and 403 without the permission the params name, never running the handler", async () => {
    session.viewer = null;
    expect((await call("transactions")).status).toBe(401);
    session.viewer = manager;
    const refused = await call("audit");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "You are not allowed to do this." });
    session.viewer = { ...manager, role: "VIEWER" };
    expect((await call("transactions")).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 404 for params that do not parse", async () => {
    expect((await call("secrets")).status).toBe(404);
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands the viewer, parsed params, query and request meta to the handler", async () => {
    const response = await call("transactions", "?q=ada");
    expect(await response.json()).toEqual({ table: "transactions", q: "ada" });
    // The client's own X-Forwarded-For is not believed without a trusted proxy (lib/client-address.ts).
    expect(handler).toHaveBeenCalledWith(manager, expect.objectContaining({ params: { table: "transactions" } }), { ip: null, userAgent: null });
  });

  it("maps an AppError to its message and status, hides anything else, and lets notFound() through", async () => {
    handler.mockRejectedValueOnce(new AppError("too_large", "Narrow the filters."));
    const tooLarge = await call("transactions");
    expect([tooLarge.status, await tooLarge.json()]).toEqual([413, { error: "Narrow the filters." }]);
    handler.mockRejectedValueOnce(new AppError("bad_input", "Check the dates."));
    expect((await call("transactions")).status).toBe(400);
    handler.mockRejectedValueOnce(new Error("connect ECONNREFUSED password=hunter2"));
    const hidden = await call("transactions");
    expect([hidden.status, await hidden.json()]).toEqual([500, { error: GENERIC_USER_MESSAGE }]);
    handler.mockImplementationOnce(async () => notFound());
    await expect(call("transactions")).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_HTTP_ERROR_FALLBACK;404") });
  });
});
