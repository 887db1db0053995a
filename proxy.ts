import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/auth/content-security-policy";
import { ACTIVITY_HEADER, countsAsActivity, NONCE_HEADER, PATH_HEADER } from "@/lib/auth/request-headers";
import { env } from "@/lib/env";
import { answerMalformedRequest } from "@/lib/request-guard";

const https = env.NEXTAUTH_URL.startsWith("https://");
const development = env.NODE_ENV === "development";

/** Pages anyone may open; everything under /api (webhooks included) checks its own session or signature. */
function isPublicPath(pathname: string): boolean {
  return pathname === "/login" || pathname.startsWith("/login/") || pathname.startsWith("/api/");
}

/**
 * Runs before every page and route handler:
 * - a fresh CSP nonce per request (Next puts it on its own scripts: it reads the policy from
 *   the request header), and the security headers on the response;
 * - marks what counts as activity for the idle timeout: page views and server actions, not
 *   background requests (route handlers under /api, link prefetches);
 * - passes the requested path on, so a sign-in can come back to it;
 * - sends visitors with no session cookie to sign-in. Only a convenience: every page, action
 *   and route handler checks the session record itself (lib/auth/session.ts).
 * Request headers of those names from the client are overwritten, never trusted.
 */
export default async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { development, https });
  const { pathname, search } = request.nextUrl;
  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set("Content-Security-Policy", csp);

  const serverAction = request.method === "POST" && request.headers.has("next-action");
  const activity = countsAsActivity({ method: request.method, pathname, has: (name) => request.headers.has(name), get: (name) => request.headers.get(name) });

  // First, for every path (public ones too): requests Next would answer with a bare 500.
  let response = await answerMalformedRequest(request, forwarded);
  if (response) return withSecurityHeaders(response, csp);
  // A server action answers "your session has ended" itself (lib/actions/define-action.ts); a redirect would hide that.
  if (!serverAction && !isPublicPath(pathname) && !(await getToken({ req: request, secret: env.NEXTAUTH_SECRET }))) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    response = NextResponse.redirect(login);
  } else {
    forwarded.set(ACTIVITY_HEADER, activity ? "1" : "0");
    forwarded.set(PATH_HEADER, `${pathname}${search}`);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  return withSecurityHeaders(response, csp);
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's static files: error pages and route handlers get the headers too.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
