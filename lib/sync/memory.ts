import "server-only";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Keeps the first full sync's memory near the process's resting size. A 1000-row page is about
 * 1.2 MB of JSON and 25–40 MB of short-lived objects (parsed JSON, checked wire objects, domain
 * objects, rows, SQL parameters) that live across the page's awaits, so V8 promotes them to the
 * old generation and, left alone, lets them pile up to ~250 MB of heap before a full collection:
 * that was most of the 400–530 MB peaks measured (bench/mirror-sync.ts). Once a page is written
 * nothing of it is referenced any more, so one collection then returns it all. It costs a few
 * milliseconds per page, at most a page or two a second, in a background job nobody waits on.
 */
type Collect = () => void;

let collect: Collect | null | undefined;
let lastAt = 0;
const MIN_GAP_MS = 100;

function collector(): Collect | null {
  if (collect !== undefined) return collect;
  try {
    // The documented way to reach V8's collector without a command-line flag: allow it, then
    // take `gc` from a fresh context (the flag applies to contexts created after it is set).
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as Collect;
  } catch {
    collect = null;
  }
  return collect;
}

/** Between a page's steps: collect what the last step left behind (at most ten times a second). */
export function releasePageMemory(now: number = performance.now()): void {
  if (now - lastAt < MIN_GAP_MS) return;
  lastAt = now;
  collector()?.();
}
