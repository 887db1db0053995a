import { formatAgeAt } from "./format-numbers";

/**
 * What the tables say about the local mirror, as words: how fresh it is, what a running sync
 * is doing, and whether the first sync is still filling the table. Pure, so it renders the
 * same on the server and in the browser, and is tested without either.
 */
export interface MirrorResourceState {
  /** "running" | "idle" | "waiting" | "error" | "never" */
  status: string;
  /** "full" until the first walk of the whole list has finished, then "incremental". */
  mode: string;
  /** Rows read in the current (or last) run. */
  processed: number;
  upstreamTotal: number | null;
  mirrored: number;
  lastSuccessAt: string | null;
}

const count = (value: number) => value.toLocaleString("en-US");

export function syncAgeText(lastSuccessAt: string | null, now: number): string {
  return lastSuccessAt ? `synced ${formatAgeAt(lastSuccessAt, now)}` : "not synced yet";
}

export interface SyncProgress {
  label: string;
  /** Both set: a bar that fills; neither: an indeterminate one (an incremental run has no known end). */
  value?: number;
  max?: number;
}

/** Progress of this resource's own run; null when it is not running (another resource's run is not its progress). */
export function syncProgress(noun: string, state: MirrorResourceState): SyncProgress | null {
  if (state.status !== "running") return null;
  if (state.mode === "full") {
    if (!state.upstreamTotal) return { label: `First sync: ${count(state.mirrored)} ${noun} so far` };
    return { label: `First sync: ${count(state.mirrored)} of ${count(state.upstreamTotal)} ${noun}`, value: Math.min(state.mirrored, state.upstreamTotal), max: state.upstreamTotal };
  }
  return { label: `Checking for new and changed ${noun}: ${count(state.processed)} read` };
}

/** Said on the table while the first sync has not reached the oldest rows: the total is not the whole list yet. */
export function firstSyncNotice(noun: string, state: MirrorResourceState): string | null {
  if (state.mode !== "full" || state.mirrored === 0) return null;
  if (state.upstreamTotal && state.mirrored >= state.upstreamTotal) return null;
  const sofar = state.upstreamTotal ? `${count(state.mirrored)} of ${count(state.upstreamTotal)}` : count(state.mirrored);
  return `First sync: ${sofar} so far — older ${noun} are still arriving.`;
}
