import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { logger } from "@/lib/logger";
import { hasMalformedEncoding } from "@/lib/validation/request-path";
import { serverActionBodyProblem } from "@/lib/validation/server-action-request";

/** Where a page address that cannot be decoded is rewritten: no route matches it, so the app's own 404 page answers. */
export const MALFORMED_ADDRESS_PATH = "/_malformed-address";

const FORM_NOT_READ = "This form submission could not be read. Reload the page and try again.";

function refused(request: NextRequest, reason: string) {
  // One line, no stack: these are a client's mistakes (or probes), not the server's.
  logger.warn({ method: request.method, path: request.nextUrl.pathname.slice(0, 200), reason }, "bad request refused");
}

/**
 * Answers the requests Next itself would answer with a bare 500 and a stack trace: a path
 * whose percent-encoding does not decode (a 404 page, or a JSON 400 under /api), and a POST
 * that claims to be a server action but is not what our forms send (a plain 400). Null for
 * every other request. The proxy calls this before anything else; `forwarded` are the request
 * headers the 404 page renders with (its CSP nonce).
 */
export async function answerMalformedRequest(request: NextRequest, forwarded?: Headers): Promise<NextResponse | null> {
  const { pathname } = request.nextUrl;
  if (hasMalformedEncoding(pathname)) {
    refused(request, "malformed percent-encoding in the path");
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "This address is malformed." }, { status: 400 });
    return NextResponse.rewrite(new URL(MALFORMED_ADDRESS_PATH, request.url), { status: 404, request: forwarded ? { headers: forwarded } : undefined });
  }
  const problem = await serverActionBodyProblem(request);
  if (problem) {
    refused(request, `server action: ${problem}`);
    return new NextResponse(FORM_NOT_READ, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  return null;
}
