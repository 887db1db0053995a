"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While a page's data is being refreshed in the background, re-renders it every `everyMs`
 * (a few times at most), so the fresh copy appears without anyone reloading.
 */
export function AutoRefresh({ everyMs = 1500, times = 8 }: { everyMs?: number; times?: number }) {
  const router = useRouter();
  useEffect(() => {
    let left = times;
    const timer = setInterval(() => {
      left -= 1;
      if (left <= 0) clearInterval(timer);
      router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs, times]);
  return null;
}
