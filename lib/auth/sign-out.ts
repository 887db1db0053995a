import "server-only";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { requestMetaFrom } from "@/lib/request-meta";
import { authOptions } from "./options";

/**
 * Records a sign-out with the caller's address. The route handler calls it before next-auth
 * clears the cookie (next-auth's own signOut event does not see the request). A request with
 * no valid session, or for a user that no longer exists, records nothing.
 */
export async function recordSignOut(request: NextRequest): Promise<void> {
  const token = await getToken({ req: request, secret: authOptions.secret });
  if (typeof token?.uid !== "string") return;
  const user = await db.user.findUnique({ where: { id: token.uid }, select: { id: true, email: true } });
  if (!user) return;
  await recordAuditEvent({
    actor: user,
    action: "auth.sign_out",
    targetType: "user",
    targetId: user.id,
    meta: requestMetaFrom((name) => request.headers.get(name)),
  });
}
