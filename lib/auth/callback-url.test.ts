import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps a same-site path with its query", () => {
    expect(safeCallbackPath("/admin/users?page=2", ORIGIN)).toBe("/admin/users?page=2");
  });

  it("reduces an absolute URL on the app's own origin to its path", () => {
    expect(safeCallbackPath("http://localhost:3000/transactions?q=x", ORIGIN)).toBe("/transactions?q=x");
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    // The reported bypass: callbackUrl=%2F%09%2Fevil.example%2Fpwned, decoded.
    "/\t/evil.example/pwned",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "/.//evil.example",
    "https://evil.example/",
    "http://localhost:3001/other-port",
    "javascript:alert(1)",
    "data:text/html,hi",
    "",
    undefined,
    42,
    "/login?callbackUrl=/x",
    "/login/verify",
    "/api/auth/signout",
  ])("falls back to / for %j", (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe("/");
  });

  it("resolves a relative path on the origin", () => {
    expect(safeCallbackPath("customers?page=2", ORIGIN)).toBe("/customers?page=2");
  });

  it.each(["/x\r\nSet-Cookie: a=b", "/admin\nusers", "/a\tb", "http://localhost:3000/x\r\n"])(
    "never hands back a control character (a Location header with one is a 500): %j",
    (raw) => {
      expect(safeCallbackPath(raw, ORIGIN)).not.toMatch(/[\u0000-\u001f\u007f]/);
    },
  );
});
