import Link from "next/link";
import type { ReactNode } from "react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { Badge } from "@/components/ui/badge";
import { MobileNav } from "./mobile-nav";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

/** Display only: every page checks its own permission on the server. */
export function AppShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const items = [
    { href: "/", label: "Overview", show: true },
    { href: "/customers", label: "Customers", show: can(viewer.role, "customers:read") },
    { href: "/transactions", label: "Transactions", show: can(viewer.role, "transactions:read") },
    { href: "/access-ids", label: "Access IDs", show: can(viewer.role, "access-ids:read") },
    { href: "/admin/merchants", label: "Merchant accounts", show: can(viewer.role, "merchants:manage") },
    { href: "/admin/users", label: "Users", show: can(viewer.role, "users:read") },
    { href: "/admin/audit", label: "Audit log", show: can(viewer.role, "audit:read") || can(viewer.role, "audit:read-money") },
    { href: "/account", label: "Profile", show: can(viewer.role, "profile:update") },
  ].filter((item) => item.show);

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <div className="flex items-center gap-3">
            {/* On a phone one's own security page is in the Menu: the top bar has room only for the essentials. */}
            <MobileNav items={[...items.map(({ href, label }) => ({ href, label })), { href: "/account/security", label: "Security" }]} viewer={{ name: viewer.name, email: viewer.email }} />
            <Link href="/" className="text-lg font-semibold text-brand-700">
              Paydesk
            </Link>
          </div>
          <div className="flex items-center gap-3">
            <Link href="/account" className="hidden rounded text-right hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 sm:block" title="Your profile and time zone">
              <p className="text-sm font-medium" data-testid="viewer-name">{viewer.name}</p>
              <p className="text-xs text-slate-500">{viewer.email}</p>
            </Link>
            <Badge tone={viewer.role === "ADMIN" ? "info" : "neutral"} data-testid="viewer-role">
              {ROLE_LABELS[viewer.role]}
            </Badge>
            <Link href="/account/security" className="hidden rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 sm:block">
              Security
            </Link>
            <SignOutButton />
          </div>
        </div>
        {/* Phones get the Menu button instead: seven tabs do not fit 390 px. */}
        <nav aria-label="Main" className="mx-auto hidden max-w-7xl px-2 pb-2 md:block">
          <ul className="flex flex-wrap gap-1">
            {items.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
