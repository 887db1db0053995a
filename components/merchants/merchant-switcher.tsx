"use client";

import { usePathname, useRouter } from "next/navigation";

interface MerchantOption {
  slug: string;
  name: string;
}

/** Shows names, never ids; keeps the section (customers, transactions...) when switching. */
export function MerchantSwitcher({ merchants, current }: { merchants: MerchantOption[]; current: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const section = pathname.split("/")[3] ?? "transactions";
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">Account</span>
      <select
        className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-500"
        value={current}
        onChange={(event) => router.push(`/m/${event.target.value}/${section}`)}
        data-testid="merchant-switcher"
      >
        {merchants.map((merchant) => (
          <option key={merchant.slug} value={merchant.slug}>
            {merchant.name}
          </option>
        ))}
      </select>
    </label>
  );
}
