import type { MiddlewareHandler } from "hono";
import { globToRegExp } from "../../shared/chaos";
import type { EmulatorEnv } from "../emulator-env";

/**
 * Withholds chosen responses until a test releases them. The request is processed first (the
 * new access id is issued and the old one expired), and only the *response* waits. That is
 * what lets a crash test stop the app between "ClientPay changed state" and "the app heard
 * about it", then check that the app recovers through Current Access ID.
 */

export interface HoldRule {
  id: string;
  path: string;
  method?: string;
  /** Hold only this many more calls, then the rule removes itself. */
  remaining?: number;
}

export interface HeldRequest {
  id: string;
  method: string;
  path: string;
  account: string | null;
  status: number;
  receivedAt: string;
  /** The caller disconnected while waiting (e.g. the app was killed); release still completes. */
  clientGone: boolean;
}

export class ResponseHolds {
  private rules: HoldRule[] = [];
  private held = new Map<string, { info: HeldRequest; release: () => void }>();
  private waiters = new Set<() => void>();
  private nextRuleId = 1;
  private nextHeldId = 1;

  addRule(rule: Omit<HoldRule, "id">): HoldRule {
    const stored = { ...rule, id: `hold-${this.nextRuleId++}` };
    this.rules.push(stored);
    return stored;
  }

  listRules(): HoldRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  removeRule(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return before !== this.rules.length;
  }

  listHeld(): HeldRequest[] {
    return [...this.held.values()].map((entry) => ({ ...entry.info }));
  }

  /** Resolves once something is held, or after `timeoutMs`, whichever is first. */
  waitForHeld(timeoutMs: number): Promise<HeldRequest[]> {
    if (this.held.size > 0 || timeoutMs <= 0) return Promise.resolve(this.listHeld());
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.listHeld());
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref?.();
      this.waiters.add(done);
    });
  }

  /** Releases one held response by id, or all of them; returns how many were released. */
  release(id?: string): number {
    const targets = id ? [id] : [...this.held.keys()];
    let released = 0;
    for (const target of targets) {
      const entry = this.held.get(target);
      if (!entry) continue;
      this.held.delete(target);
      entry.release();
      released += 1;
    }
    return released;
  }

  /** Drops every rule and lets every held response go (reset and shutdown). */
  clear(): void {
    this.rules = [];
    this.release();
  }

  private takeRule(method: string, path: string): HoldRule | undefined {
    const rule = this.rules.find(
      (candidate) =>
        (!candidate.method || candidate.method.toUpperCase() === method.toUpperCase()) &&
        globToRegExp(candidate.path.toLowerCase()).test(path),
    );
    if (rule?.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.removeRule(rule.id);
    }
    return rule;
  }

  middleware(): MiddlewareHandler<EmulatorEnv> {
    return async (c, next) => {
      await next();
      if (!this.takeRule(c.req.method, c.req.path)) return;
      const info: HeldRequest = {
        id: `held-${this.nextHeldId++}`,
        method: c.req.method,
        path: c.req.path,
        account: c.get("account") ?? null,
        status: c.res.status,
        receivedAt: new Date().toISOString(),
        clientGone: false,
      };
      const signal = c.req.raw.signal;
      const onAbort = () => {
        info.clientGone = true;
      };
      signal.addEventListener("abort", onAbort, { once: true });
      await new Promise<void>((resolve) => {
        this.held.set(info.id, { info, release: resolve });
        for (const waiter of [...this.waiters]) waiter();
      });
      signal.removeEventListener("abort", onAbort);
    };
  }
}
