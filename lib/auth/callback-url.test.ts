import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it("keeps a same-site path with its query", () => {
    expect(safeCallbackPath("/admin/users?page=2")).toBe("/admin/users?page=2");
  });
  it("reduces an absolute URL to its path", () => {
    expect(safeCallbackPath("http://localhost:3000/transactions?q=x")).toBe("/transactions?q=x");
  });
  it.each(["//evil.example/x", "/\\evil.example", "javascript:alert(1)", "evil", "", undefined, 42, "/login?callbackUrl=/x", "/api/auth/signout", "/x\r\nSet-Cookie: a=b", "/admin\nusers", "/a\tb", "http://localhost:3000/x\r\n"])(
    "falls back to / for %s",
    (raw) => {
      expect(safeCallbackPath(raw)).toBe("/");
    },
  );
});
