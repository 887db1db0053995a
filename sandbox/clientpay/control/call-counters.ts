import type { MiddlewareHandler } from "hono";
import type { EmulatorEnv } from "../emulator-env";

/**
 * Calls per path and per account, so tests can prove a client did (or did not) retry. A call
 * is counted when it arrives, including calls answered by an injected fault; the account is
 * known only when the handler ran far enough to authenticate it.
 */
export class CallCounters {
  private byPath = new Map<string, number>();
  private byAccount = new Map<string, Map<string, number>>();

  middleware(): MiddlewareHandler<EmulatorEnv> {
    return async (c, next) => {
      const key = `${c.req.method} ${c.req.path}`;
      this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
      try {
        await next();
      } finally {
        const account = c.get("account");
        if (account) {
          const perAccount = this.byAccount.get(account) ?? new Map<string, number>();
          perAccount.set(key, (perAccount.get(key) ?? 0) + 1);
          this.byAccount.set(account, perAccount);
        }
      }
    };
  }

  snapshot() {
    const byPath = Object.fromEntries(this.byPath);
    return {
      total: [...this.byPath.values()].reduce((sum, count) => sum + count, 0),
      byPath,
      byAccount: Object.fromEntries([...this.byAccount].map(([account, counts]) => [account, Object.fromEntries(counts)])),
    };
  }

  clear(): void {
    this.byPath.clear();
    this.byAccount.clear();
  }
}
