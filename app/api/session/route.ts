import { NextResponse } from "next/server";
import { getSessionState, idlePolicy } from "@/lib/auth/session";

/**
 * GET: how long this session has left, for the dashboard's idle warning. A route under /api,
 * so asking does not count as activity (proxy.ts): polling cannot keep a session alive.
 */
export async function GET() {
  const state = await getSessionState();
  if (state.kind !== "signed-in") return NextResponse.json({ signedIn: false }, { status: 401, headers: { "cache-control": "no-store" } });
  const now = Date.now();
  const { idleMs } = idlePolicy();
  return NextResponse.json(
    {
      signedIn: true,
      idleRemainingMs: Math.max(0, state.session.lastActiveAt.getTime() + idleMs - now),
      absoluteRemainingMs: Math.max(0, state.session.expiresAt.getTime() - now),
    },
    { headers: { "cache-control": "no-store" } },
  );
}
