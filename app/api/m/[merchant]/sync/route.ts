import { NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getSyncStatus } from "@/lib/dal/sync";

/**
 * GET: the mirror's sync progress for the header's polling (TanStack Query). Same data layer
 * as the pages; an account the viewer was not granted answers 404 like one that does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ merchant: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in again to continue." }, { status: 401 });
  if (!can(viewer.role, "transactions:read") && !can(viewer.role, "customers:read")) {
    return NextResponse.json({ error: "You are not allowed to do this." }, { status: 403 });
  }
  const status = await getSyncStatus(viewer, (await params).merchant);
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
}
