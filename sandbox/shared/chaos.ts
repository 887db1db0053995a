import type { Context, MiddlewareHandler } from "hono";

/**
 * Latency and fault injection for emulators, driven by their control planes.
 *
 * Path patterns are globs over the URL pathname: `*` matches any run of characters, so
 * "/api/∗/transactions" (with a plain asterisk) matches every endpoint key, and a pattern
 * without any `*` must match the whole pathname. An empty/absent pattern matches everything.
 */
export type FaultKind = "http500" | "http503" | "timeout" | "malformed";

export interface FaultRule {
  id: string;
  kind: FaultKind;
  path?: string;
  method?: string;
  /** Probability in [0, 1] that a matching call is hit; default 1. */
  rate: number;
  /** When set, the rule fires for this many more calls and then removes itself ("next N calls"). */
  remaining?: number;
  /** How long a "timeout" fault holds the request before giving up (default 120 s). */
  holdMs?: number;
}

export interface LatencyRule {
  fixedMs: number;
  jitterMs: number;
  path?: string;
  method?: string;
}

export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}

function matches(rule: { path?: string; method?: string }, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return !rule.path || globToRegExp(rule.path).test(path);
}

/** Mutable latency + fault settings for one emulator; the control plane edits, the middleware reads. */
export class ChaosSettings {
  private faults: FaultRule[] = [];
  private latency: LatencyRule[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number) {}

  addFault(rule: Omit<FaultRule, "id" | "rate"> & { rate?: number }): FaultRule {
    const stored: FaultRule = { ...rule, rate: rule.rate ?? 1, id: `fault-${this.nextId++}` };
    this.faults.push(stored);
    return stored;
  }

  removeFault(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((rule) => rule.id !== id);
    return this.faults.length !== before;
  }

  listFaults(): FaultRule[] {
    return this.faults.map((rule) => ({ ...rule }));
  }

  /** Later rules win over earlier ones for the same path. */
  setLatency(rule: LatencyRule): void {
    this.latency = this.latency.filter((existing) => existing.path !== rule.path || existing.method !== rule.method);
    this.latency.push(rule);
  }

  listLatency(): LatencyRule[] {
    return this.latency.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.clearFaults();
    this.clearLatency();
  }

  clearFaults(): void {
    this.faults = [];
  }

  clearLatency(): void {
    this.latency = [];
  }

  /** Picks the fault for this call (consuming one of its "next N" uses), if any. */
  takeFault(method: string, path: string): FaultRule | undefined {
    for (const rule of this.faults) {
      if (!matches(rule, method, path)) continue;
      if (rule.rate < 1 && this.random() >= rule.rate) continue;
      if (rule.remaining !== undefined) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.removeFault(rule.id);
      }
      return { ...rule };
    }
    return undefined;
  }

  delayFor(method: string, path: string): number {
    const rule = [...this.latency].reverse().find((candidate) => matches(candidate, method, path));
    if (!rule) return 0;
    return Math.max(0, rule.fixedMs + Math.round(rule.jitterMs * this.random()));
  }
}

/**
 * Resolves after `ms`, or as soon as the client goes away (the request's signal aborts), so a
 * held "timeout" request never keeps a test process or a socket alive for long.
 */
export function hold(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref?.();
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

export interface ChaosMiddlewareOptions {
  settings: ChaosSettings;
  /** Only paths for which this returns true are affected (keeps control planes reachable). */
  applies?: (path: string) => boolean;
  /** The body/status an injected 500/503 answers with; default JSON {"error": "..."} */
  errorResponse?: (c: Context, status: 500 | 503) => Response;
  /** Called when a fault fires, e.g. to count it. */
  onFault?: (rule: FaultRule, c: Context) => void;
  /** How latency and "timeout" faults wait; defaults to `hold`. Tests inject a recorder instead of a clock. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function chaosMiddleware(options: ChaosMiddlewareOptions): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (options.applies && !options.applies(path)) return next();
    const signal = c.req.raw.signal;
    const wait = options.wait ?? hold;
    const delay = options.settings.delayFor(c.req.method, path);
    if (delay > 0) await wait(delay, signal);
    const fault = options.settings.takeFault(c.req.method, path);
    if (!fault) return next();
    options.onFault?.(fault, c);
    switch (fault.kind) {
      case "http500":
      case "http503": {
        const status = fault.kind === "http500" ? 500 : 503;
        return options.errorResponse?.(c, status) ?? c.json({ error: status === 500 ? "Internal Server Error" : "Service Unavailable" }, status);
      }
      case "timeout":
        await wait(fault.holdMs ?? 120_000, signal);
        return c.json({ error: "Gateway Timeout" }, 504);
      case "malformed":
        return new Response('{"type":"list","data":[{"type":"tra', { status: 200, headers: { "Content-Type": "application/json" } });
    }
  };
}
