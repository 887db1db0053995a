import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { signOutSession } from "@/lib/auth/sign-out";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

export async function POST(request: NextRequest, context: RouteContext) {
  // Before next-auth clears the cookie: afterwards the session (and who it was) is gone.
  if (request.nextUrl.pathname.endsWith("/signout")) await signOutSession(request);
  return handler(request, context);
}

export { handler as GET };
