"use client";

import dynamic from "next/dynamic";

/**
 * The idle timeout draws nothing until the warning is due (minutes after the page loads), so
 * its code loads after first paint rather than with every dashboard page.
 */
export const LazyIdleWatcher = dynamic(() => import("./idle-watcher").then((module) => module.IdleWatcher), { ssr: false });
