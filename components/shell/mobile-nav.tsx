"use client";

import { Dialog } from "radix-ui";
import { useState } from "react";
import { NavLink } from "./nav-link";

export interface NavItem {
  href: string;
  label: string;
}

/**
 * The navigation on a phone: a Menu button opening a side sheet. Radix Dialog traps focus
 * inside while it is open, closes on Escape or a tap outside, and returns focus to the
 * button; following a link closes it too.
 */
export function MobileNav({ items, viewer }: { items: NavItem[]; viewer: { name: string; email: string } }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 md:hidden"
        data-testid="menu-button"
      >
        <span aria-hidden="true">☰</span>
        Menu
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
        <Dialog.Content
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 overflow-y-auto bg-white p-4 shadow-xl focus:outline-none md:hidden"
          aria-describedby={undefined}
          data-testid="mobile-nav"
        >
          <div className="flex items-center justify-between">
            <Dialog.Title className="text-lg font-semibold text-brand-700">Paydesk</Dialog.Title>
            <Dialog.Close className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500" data-testid="menu-close">
              Close
            </Dialog.Close>
          </div>
          <div className="text-sm">
            <p className="font-medium">{viewer.name}</p>
            <p className="text-slate-500">{viewer.email}</p>
          </div>
          <nav aria-label="Main">
            <ul className="flex flex-col gap-1" onClick={(event) => (event.target as HTMLElement).closest("a") && setOpen(false)}>
              {items.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href} block>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
