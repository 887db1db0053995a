import "server-only";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { requestMetaFrom } from "@/lib/request-meta";
import { authOptions } from "./options";
import { revokeSession } from "./sessions";

/**
 * Signing out ends the session record, so the cookie stops working even if it was copied
 * before next-auth cleared it, and records it with the caller's address. The route handler
 * calls this before next-auth clears the cookie (next-auth's own signOut event does not see
 * the request). A request with no valid session, or for a user that no longer exists,
 * records nothing.
 */
export async function signOutSession(request: NextRequest): Promise<void> {
  const token = await getToken({ req: request, secret: authOptions.secret });
  if (typeof token?.uid !== "string") return;
  const user = await db.user.findUnique({ where: { id: token.uid }, select: { id: true, email: true } });
  if (!user) return;
  const ended = typeof token.sid === "string" ? await revokeSession(token.sid, "sign_out") : false;
  await recordAuditEvent({
    actor: user,
    action: "auth.sign_out",
    targetType: "user",
    targetId: user.id,
    meta: requestMetaFrom((name) => request.headers.get(name)),
    details: { sessionEnded: ended },
  });
}
