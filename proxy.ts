import { withAuth } from "next-auth/middleware";

/**
 * Sends signed-out visitors to the sign-in page with a return address. Only a
 * convenience: every page, action and route handler checks the session itself.
 */
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  // ClientPay's postbacks come without a session and verify themselves (lib/inbound).
  matcher: ["/((?!login|api/auth|api/health|api/clientpay/postback|_next/static|_next/image|favicon.ico).*)"],
};
