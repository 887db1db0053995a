"use client";

import { useRef } from "react";
import { NavLink } from "./nav-link";

export interface NavItem {
  href: string;
  label: string;
}

/**
 * The navigation on a phone: a Menu button opening a side sheet. The sheet is the browser's
 * own modal <dialog> (showModal): the page behind it is inert, focus moves into it, Escape
 * closes it and focus returns to the button, with no script library on every page for it.
 * A tap on the backdrop or on a link closes it too.
 */
export function MobileNav({ items, viewer }: { items: NavItem[]; viewer: { name: string; email: string } }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-controls="mobile-nav"
        onClick={() => dialog.current?.showModal()}
        className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 md:hidden"
        data-testid="menu-button"
      >
        <span aria-hidden="true">☰</span>
        Menu
      </button>
      <dialog
        id="mobile-nav"
        ref={dialog}
        aria-labelledby="mobile-nav-title"
        // The backdrop is the dialog element itself; the sheet inside stops the click.
        onClick={(event) => event.target === dialog.current && close()}
        className="fixed inset-y-0 left-0 m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-white p-0 shadow-xl backdrop:bg-slate-900/40 md:hidden"
        data-testid="mobile-nav"
      >
        <div className="flex h-full flex-col gap-4 overflow-y-auto p-4">
          <div className="flex items-center justify-between">
            <h2 id="mobile-nav-title" className="text-lg font-semibold text-brand-700">
              Paydesk
            </h2>
            <button type="button" onClick={close} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500" data-testid="menu-close">
              Close
            </button>
          </div>
          <div className="text-sm">
            <p className="font-medium">{viewer.name}</p>
            <p className="text-slate-500">{viewer.email}</p>
          </div>
          <nav aria-label="Main">
            <ul className="flex flex-col gap-1" onClick={(event) => (event.target as HTMLElement).closest("a") && close()}>
              {items.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href} block>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </dialog>
    </>
  );
}
