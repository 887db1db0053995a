"use client";

import { MoneyForm } from "@/components/forms/money-form";
import { closeBatchAction } from "@/lib/actions/money-desk";
import { formatCents } from "@/lib/format-numbers";

/** Admins: close the open batch now rather than at its scheduled time. Confirmed, once, audited. */
export function CloseBatchForm({ slug, batchKey, label, token, count, netCents }: { slug: string; batchKey: string; label: string; token: string; count: number; netCents: number | null }) {
  return (
    <MoneyForm
      action={closeBatchAction}
      hidden={{ merchant: slug, batch: batchKey, token }}
      testId="close-batch-form"
      reviewLabel="Close batch now"
      pendingLabel="Closing…"
      tone="danger"
      fields={() => null}
      review={() => ({
        title: `Close batch ${label} now?`,
        confirmLabel: "Close batch",
        description: (
          <>
            Its {count.toLocaleString("en-US")} transactions settle now{netCents !== null ? ` for a net ${formatCents(netCents)}` : ""}: after this they can no
            longer be voided, only refunded. New transactions open a new batch. This cannot be undone.
          </>
        ),
      })}
    />
  );
}
