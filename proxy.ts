import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";
import { answerMalformedRequest } from "./lib/request-guard";

/**
 * Sends signed-out visitors to the sign-in page with a return address. Only a
 * convenience: every page, action and route handler checks the session itself.
 */
const requireSignIn = withAuth({ pages: { signIn: "/login" } });

/**
 * Open to signed-out visitors: the sign-in page, next-auth's routes and the health check.
 * Webhooks come from USAePay, not a person: their route checks the signature itself.
 */
const PUBLIC = /^\/(login|api\/auth|api\/health|api\/webhooks)(\/|$)/;

export default async function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  // First, for every path (public ones too): requests Next would answer with a bare 500.
  const malformed = await answerMalformedRequest(request);
  if (malformed) return malformed;
  if (PUBLIC.test(request.nextUrl.pathname)) return NextResponse.next();
  return requireSignIn(request, event);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
