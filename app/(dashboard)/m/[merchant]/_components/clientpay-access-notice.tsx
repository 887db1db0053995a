import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import type { ClientpayAccessDto } from "@/lib/dal/clientpay-payments";

/**
 * On every ClientPay page: when the stored access ID is missing, expired or was replaced (as the
 * last call found out), say so and what an admin does about it — Recover (a rotation made
 * elsewhere) or Issue (none is active) — instead of letting each action fail on its own.
 */
export function ClientpayAccessNotice({ access, slug, canFix }: { access: ClientpayAccessDto; slug: string; canFix: boolean }) {
  if (access.usable && access.state !== "expired" && access.state !== "replaced") return null;
  const replaced = access.usable && access.state === "replaced";
  const problem = !access.usable
    ? "This account has no usable ClientPay access ID, so ClientPay calls fail."
    : replaced
      ? "ClientPay no longer accepts this account's access ID: it was replaced by a newer one (a rotation made elsewhere)."
      : "ClientPay no longer accepts this account's access ID: it was expired.";
  const fix = replaced ? "Recover current ID" : "Issue access ID";
  return (
    <Notice tone="error" className="mb-4" data-testid="clientpay-access-notice">
      {problem}{" "}
      {canFix ? (
        <>
          Use <strong>{fix}</strong> on the{" "}
          <Link href={`/m/${slug}/access-ids`} className="font-medium underline">
            Access IDs page
          </Link>
          .
        </>
      ) : (
        <>Ask an admin to use {fix} on the account&apos;s Access IDs page.</>
      )}
    </Notice>
  );
}
