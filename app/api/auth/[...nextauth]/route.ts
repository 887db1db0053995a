import NextAuth from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { recordAuditEvent } from "@/lib/dal/audit";
import { db } from "@/lib/db";
import { requestMetaFrom } from "@/lib/request-meta";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** Records sign-out with the caller's address before next-auth clears the cookie. */
async function recordSignOut(request: NextRequest) {
  const token = await getToken({ req: request, secret: authOptions.secret });
  if (!token?.uid) return;
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

export async function POST(request: NextRequest, context: RouteContext) {
  if (request.nextUrl.pathname.endsWith("/signout")) await recordSignOut(request);
  return handler(request, context);
}

export { handler as GET };
