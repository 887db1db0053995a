import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { MerchantSwitcher } from "@/components/merchants/merchant-switcher";
import { NavLink } from "@/components/shell/nav-link";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { getMerchant, listAccessibleMerchants } from "@/lib/dal/merchants";
import { ENVIRONMENT_LABELS } from "@/lib/validation/environments";

/** The account header. Not a gate: each page resolves the merchant through the DAL itself. */
export default async function MerchantLayout({ children, params }: { children: ReactNode; params: Promise<{ merchant: string }> }) {
  const viewer = await requireViewer();
  const { merchant: slug } = await params;
  const [merchant, merchants] = await Promise.all([getMerchant(viewer, slug), listAccessibleMerchants(viewer)]);
  const sections = [
    { href: `/m/${slug}/customers`, label: "Customers", show: can(viewer.role, "customers:read") },
    { href: `/m/${slug}/transactions`, label: "Transactions", show: can(viewer.role, "transactions:read") },
    { href: `/m/${slug}/batches`, label: "Batches", show: can(viewer.role, "batches:read") },
    { href: `/m/${slug}/refund-approvals`, label: "Refund approvals", show: can(viewer.role, "refunds:approve") },
    // ClientPay: what clients paid, the links sent to them, and who they are.
    { href: `/m/${slug}/payments`, label: "Payments", show: can(viewer.role, "payments:read") },
    { href: `/m/${slug}/payment-requests`, label: "Payment requests", show: can(viewer.role, "payment-requests:read") },
    { href: `/m/${slug}/payers`, label: "Payers", show: can(viewer.role, "payers:read") },
    { href: `/m/${slug}/access-ids`, label: "Access IDs", show: can(viewer.role, "access-ids:read") },
  ].filter((section) => section.show);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3 border-b border-slate-200 pb-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex flex-wrap items-center gap-3">
          <MerchantSwitcher merchants={merchants.map(({ slug: s, name }) => ({ slug: s, name }))} current={merchant.slug} />
          <Badge tone={merchant.environment === "production" ? "warn" : "neutral"}>{ENVIRONMENT_LABELS[merchant.environment]}</Badge>
        </div>
        <nav aria-label="Account sections" className="overflow-x-auto">
          <ul className="flex gap-1">
            {sections.map((section) => (
              <li key={section.href}>
                <NavLink href={section.href}>{section.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {children}
    </div>
  );
}
