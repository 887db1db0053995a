import { NextResponse } from "next/server";
import { receiveClientpayPostback } from "@/lib/inbound/clientpay-postback";
import { postbackAddressSchema } from "@/lib/validation/postback";

/**
 * POST: ClientPay's server-side postback for a page Paydesk created. No session: the handler
 * verifies the page's own token and reads the result back from ClientPay (lib/inbound). The body is
 * not read at all — nothing in it is trusted. Answers never carry upstream text or a stack.
 */
export async function POST(request: Request, { params }: { params: Promise<{ page: string }> }) {
  const address = postbackAddressSchema.safeParse({ page: (await params).page, t: new URL(request.url).searchParams.get("t") ?? "" });
  if (!address.success) return NextResponse.json({ received: false }, { status: 404 });
  try {
    const answer = await receiveClientpayPostback({ pageId: address.data.page, token: address.data.t, headers: request.headers });
    return NextResponse.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
  } catch {
    // The database or the vault failed: ClientPay retries the same message later.
    return NextResponse.json({ received: false }, { status: 503 });
  }
}
