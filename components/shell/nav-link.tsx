"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { clsx } from "clsx";

/** `block`: a full-width row (the phone menu), else an inline tab (the top bar). */
export function NavLink({ href, children, block = false }: { href: string; children: React.ReactNode; block?: boolean }) {
  const pathname = usePathname();
  const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      // The active and idle colours exclude each other: joined, never merged (components/ui/cn.ts).
      className={clsx(
        "whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-100 hover:text-slate-900",
        block && "block",
        active ? "bg-brand-50 text-brand-700" : "text-slate-600",
      )}
    >
      {children}
    </Link>
  );
}
