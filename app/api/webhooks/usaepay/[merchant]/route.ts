import { MAX_WEBHOOK_BYTES, receiveUsaepayWebhook, WEBHOOK_SIGNATURE_HEADER } from "@/lib/inbound/usaepay-webhook";

export const dynamic = "force-dynamic";

/**
 * POST: a USAePay webhook delivery for one account (the URL its admin page shows). No session:
 * lib/webhooks/usaepay.ts checks the signature over the raw body before anything else.
 */
export async function POST(request: Request, { params }: { params: Promise<{ merchant: string }> }) {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_WEBHOOK_BYTES) return Response.json({ error: "Body too large." }, { status: 413 });
  const answer = await receiveUsaepayWebhook({
    slug: (await params).merchant,
    rawBody: await request.text(),
    signature: request.headers.get(WEBHOOK_SIGNATURE_HEADER),
  });
  return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
}
