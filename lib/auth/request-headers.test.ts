import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./content-security-policy";
import { countsAsActivity } from "./request-headers";

function request(method: string, pathname: string, headers: Record<string, string> = {}) {
  return { method, pathname, has: (name: string) => name in headers, get: (name: string) => headers[name] ?? null };
}

describe("what counts as activity for the idle timeout", () => {
  it("a page view and a server action do", () => {
    expect(countsAsActivity(request("GET", "/transactions"))).toBe(true);
    expect(countsAsActivity(request("GET", "/transactions", { rsc: "1" }))).toBe(true);
    expect(countsAsActivity(request("POST", "/admin/users", { "next-action": "abc" }))).toBe(true);
  });

  it("polls and prefetches do not: /api/auth/session, the sync poll, the idle status, a link prefetch", () => {
    expect(countsAsActivity(request("GET", "/api/auth/session"))).toBe(false);
    expect(countsAsActivity(request("GET", "/api/m/harbor/sync"))).toBe(false);
    expect(countsAsActivity(request("GET", "/api/session"))).toBe(false);
    expect(countsAsActivity(request("GET", "/transactions", { rsc: "1", "next-router-prefetch": "1" }))).toBe(false);
    expect(countsAsActivity(request("POST", "/api/auth/callback/credentials"))).toBe(false);
  });
});

describe("content security policy", () => {
  it("allows scripts only with this request's nonce, and forbids framing, plugins and foreign forms", () => {
    const csp = contentSecurityPolicy("abc123", { development: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "upgrade-insecure-requests"]) expect(csp).toContain(directive);
    expect(contentSecurityPolicy("n", { development: false, https: false })).not.toContain("upgrade-insecure-requests");
  });
});
