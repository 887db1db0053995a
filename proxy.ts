import { withAuth } from "next-auth/middleware";

/**
 * Sends signed-out visitors to the sign-in page with a return address. Only a
 * convenience: every page, action and route handler checks the session itself.
 */
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  // Webhooks come from USAePay, not a person: their signature is checked by the route itself.
  matcher: ["/((?!login|api/auth|api/health|api/webhooks|_next/static|_next/image|favicon.ico).*)"],
};
