"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { IDLE } from "@/lib/actions/action-state";
import { saveBrowserTimeZoneAction } from "@/lib/actions/preferences";

/**
 * Rendered only while the user has no time zone saved (their first sign-in): sends the
 * browser's zone once, and re-renders the page in it when it was saved. The server keeps a
 * zone chosen on the profile page over the browser's.
 */
export function TimeZoneProbe() {
  const router = useRouter();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const form = new FormData();
    form.set("timeZone", zone);
    void saveBrowserTimeZoneAction(IDLE, form).then((result) => {
      if (result.status === "success" && result.message === "saved") router.refresh();
    });
  }, [router]);
  return null;
}
