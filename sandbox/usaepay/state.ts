import { ChaosSettings } from "../shared/chaos";
import { hashString, SeededRandom } from "../shared/prng";
import { createTokenVault, type DuplicateMode, type TokenVault } from "./commands";
import { DEMO_MERCHANTS, IP_ACCESS_TEST_ENDPOINT, RATE_LIMIT_TEST_ENDPOINT, type DemoMerchant } from "./config";
import { type Limits, RateLimitCounters } from "./rate-limits";
import { MerchantStore } from "./store";
import { WebhookDispatcher, type WebhookOptions } from "./webhooks";

/** Everything the emulator remembers: merchants, keys, limits, chaos rules and counters. */
export interface ApiKeyEntry {
  apiKey: string;
  pin: string;
  merchantId: string;
  duplicateMode: DuplicateMode;
  duplicateWindowMs: number;
  /** Own limits for this key; its calls then count in a bucket of their own. */
  limits?: Limits;
  /** When set, only these client IPs may use this key. */
  ipAllowList?: string[];
}

export interface EndpointSettings {
  limits?: Limits;
  ipAllowList?: string[];
}

export interface KeyCounters {
  calls: number;
  rateLimited: number;
  ipBlocked: number;
  authFailures: number;
  faultsInjected: number;
  /** Calls by "METHOD /path" after the endpoint key, e.g. "POST /transactions", "GET /transactions/abc". */
  routes: Record<string, number>;
}

export const COUNTER_NAMES = ["calls", "rateLimited", "ipBlocked", "authFailures", "faultsInjected"] as const;

export interface EmulatorSettings {
  anchorMs: number;
  defaultLimits: Limits;
  chaosSeed: number;
  /** The emulator's clock (new transactions, batch closes, webhook timestamps). */
  now: () => number;
  webhooks?: WebhookOptions;
}

export class EmulatorState {
  readonly merchants = new Map<string, MerchantStore>();
  readonly keys = new Map<string, ApiKeyEntry>();
  readonly endpoints = new Map<string, EndpointSettings>();
  readonly rateLimits = new RateLimitCounters();
  readonly counters = new Map<string, KeyCounters>();
  readonly chaos: ChaosSettings;
  readonly webhooks: WebhookDispatcher;
  tokens: TokenVault;
  private newMerchantCounter = 0;

  constructor(readonly settings: EmulatorSettings) {
    this.chaos = new ChaosSettings(this.chaosRandom());
    this.webhooks = new WebhookDispatcher(settings.now, settings.webhooks);
    this.tokens = createTokenVault(hashString("usaepay:tokens"));
    this.resetAll();
  }

  private chaosRandom(): () => number {
    const rng = new SeededRandom(this.settings.chaosSeed);
    return () => rng.next();
  }

  /** Restores the seed: demo merchants and keys, no overrides, no faults, zeroed counters. */
  resetAll(): void {
    this.merchants.clear();
    this.keys.clear();
    this.endpoints.clear();
    this.counters.clear();
    this.rateLimits.reset();
    this.chaos.clear();
    this.webhooks.reset();
    this.tokens = createTokenVault(hashString("usaepay:tokens"));
    this.newMerchantCounter = 0;
    for (const demo of DEMO_MERCHANTS) {
      this.merchants.set(demo.id, this.buildStore(demo));
      this.addKey({ apiKey: demo.apiKey, pin: demo.pin, merchantId: demo.id });
    }
    // The documented test endpoint limits every caller to one call, whatever the key's own limit.
    this.endpoints.set(RATE_LIMIT_TEST_ENDPOINT, { limits: { perMinute: 1, perDay: 5_000 } });
    this.endpoints.set(IP_ACCESS_TEST_ENDPOINT, { ipAllowList: [] });
  }

  private buildStore(merchant: Pick<DemoMerchant, "id" | "name" | "customerCount" | "transactionCount">): MerchantStore {
    const store = new MerchantStore(merchant, this.settings.anchorMs);
    store.onEvent = (event) => {
      // A webhook problem must never fail the API call that caused the event.
      try {
        this.webhooks.emit(store, event);
      } catch (error) {
        console.error("usaepay emulator: webhook not queued", error);
      }
    };
    return store;
  }

  /** Restores one merchant's data to its seed (mutations dropped); keys and limits are kept. */
  resetMerchant(merchantId: string): boolean {
    const existing = this.merchants.get(merchantId);
    if (!existing) return false;
    this.merchants.set(merchantId, this.buildStore(existing.profile));
    return true;
  }

  addKey(input: { apiKey: string; pin: string; merchantId: string }): ApiKeyEntry {
    const entry: ApiKeyEntry = { ...input, duplicateMode: "none", duplicateWindowMs: 5 * 60_000 };
    this.keys.set(input.apiKey, entry);
    return entry;
  }

  createEmptyMerchant(name?: string): MerchantStore {
    this.newMerchantCounter += 1;
    const id = `merchant-${this.newMerchantCounter}`;
    const store = this.buildStore({ id, name: name ?? id, customerCount: 0, transactionCount: 0 });
    this.merchants.set(id, store);
    return store;
  }

  merchantForKey(apiKey: string): MerchantStore | undefined {
    const entry = this.keys.get(apiKey);
    return entry ? this.merchants.get(entry.merchantId) : undefined;
  }

  countersFor(apiKey: string): KeyCounters {
    let counters = this.counters.get(apiKey);
    if (!counters) {
      counters = { calls: 0, rateLimited: 0, ipBlocked: 0, authFailures: 0, faultsInjected: 0, routes: {} };
      this.counters.set(apiKey, counters);
    }
    return counters;
  }
}
