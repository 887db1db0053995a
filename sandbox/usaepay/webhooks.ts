import { createHash, createHmac } from "node:crypto";
import type { StoreEvent } from "./events";
import { formatGatewayDateTime } from "./format";
import { batchDetail, transactionDetail } from "./serialize";
import type { MerchantStore } from "./store";

/**
 * Signed webhook deliveries for the emulator's own state changes (docs/usaepay-api.md, "Webhooks"):
 * one JSON POST per event, `X-Signature` = hex HMAC-SHA256 of the raw body with the configured
 * signature key, retried on a timeout or a non-2xx answer on the documented schedule (multiplied by
 * `retryScale`, so tests and demos can shorten it). Configuration is per merchant, addressed through
 * any of its API keys, as a merchant's console settings are.
 */
export interface WebhookConfig {
  url: string;
  /** Without one, deliveries go out unsigned (the console's signature is optional). */
  signatureKey?: string;
  enabled: boolean;
  /** Only these event types; undefined = all. */
  events?: string[];
  /** Multiplies the documented retry delays; 1 = as documented, 0.001 turns 5 min into 300 ms. */
  retryScale: number;
  /** How long one attempt may take before it counts as a timeout (documented read timeout: 45 s). */
  timeoutMs: number;
}

export interface DeliveryAttempt {
  /** Emulator clock (ms since epoch) when the attempt started. */
  at: number;
  status?: number;
  error?: string;
}

export interface Delivery {
  eventId: string;
  eventType: string;
  url: string;
  body: string;
  signature?: string;
  state: "pending" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
  /** Delay (already scaled) before the next attempt, while pending. */
  nextDelayMs?: number;
}

/** Runs `task` after `delayMs`; returns a cancel function. Injected by tests to step retries by hand. */
export type WebhookScheduler = (delayMs: number, task: () => void) => () => void;
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface WebhookOptions {
  fetch?: WebhookFetch;
  schedule?: WebhookScheduler;
  /** Default `retryScale` for configurations that set none. */
  retryScale?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Every 5 min for 1 h, hourly for 11 h, every 3 h for 12 h, every 6 h for 48 h. */
export const RETRY_DELAYS_MS: readonly number[] = [
  ...Array<number>(12).fill(5 * MINUTE),
  ...Array<number>(11).fill(HOUR),
  ...Array<number>(4).fill(3 * HOUR),
  ...Array<number>(8).fill(6 * HOUR),
];
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 45_000;
/** Deliveries kept per merchant for the control plane to show (oldest dropped first). */
const KEPT_DELIVERIES = 500;

const defaultSchedule: WebhookScheduler = (delayMs, task) => {
  const timer = setTimeout(task, delayMs);
  timer.unref?.();
  return () => clearTimeout(timer);
};

export function signBody(body: string, signatureKey: string): string {
  return createHmac("sha256", signatureKey).update(body, "utf8").digest("hex");
}

/** A transaction as events carry it: a subset of the REST object, `refnum` as a number. */
function eventTransaction(store: MerchantStore, txIndex: number): Record<string, unknown> {
  const tx = store.transactionAt(txIndex);
  if (!tx) return {};
  const full = transactionDetail(store, tx);
  const picked: Record<string, unknown> = {};
  for (const name of ["type", "key", "created", "trantype_code", "trantype", "result_code", "result", "error", "error_code", "authcode", "status_code", "status", "creditcard", "check", "batch", "amount", "auth_amount", "invoice", "orderid", "ponum", "description", "cust_key", "custid", "refund_of"]) {
    if (full[name] !== undefined) picked[name] = full[name];
  }
  picked.refnum = Number(tx.refnum);
  picked.uri = `transactions/${tx.key}`;
  return picked;
}

export class WebhookDispatcher {
  private readonly configs = new Map<string, WebhookConfig>();
  private readonly deliveries = new Map<string, Delivery[]>();
  private readonly cancels = new Set<() => void>();
  private sequence = 0;

  constructor(
    private readonly now: () => number,
    private readonly options: WebhookOptions = {},
  ) {}

  get defaultRetryScale(): number {
    return this.options.retryScale ?? 1;
  }

  configure(merchantId: string, config: WebhookConfig): WebhookConfig {
    this.configs.set(merchantId, config);
    return config;
  }

  configFor(merchantId: string): WebhookConfig | undefined {
    return this.configs.get(merchantId);
  }

  remove(merchantId: string): boolean {
    return this.configs.delete(merchantId);
  }

  deliveriesFor(merchantId: string): Delivery[] {
    return this.deliveries.get(merchantId) ?? [];
  }

  clearDeliveries(merchantId: string): void {
    this.deliveries.delete(merchantId);
  }

  /** Drops every configuration, log and pending retry (emulator reset or shutdown). */
  reset(): void {
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    this.configs.clear();
    this.deliveries.clear();
  }

  /** Builds the event body now (a later change must not alter it) and sends it in the background. */
  emit(store: MerchantStore, event: StoreEvent): void {
    const merchantId = store.profile.id;
    const config = this.configs.get(merchantId);
    if (!config?.enabled || (config.events && !config.events.includes(event.type))) return;
    this.sequence += 1;
    const eventId = createHash("sha256").update(`usaepay-emulator:${merchantId}:${this.sequence}`).digest("hex");
    const batch = "batchIndex" in event ? store.batchAt(event.batchIndex) : undefined;
    const object = "txIndex" in event ? eventTransaction(store, event.txIndex) : batch ? batchDetail(store, batch) : {};
    const body = JSON.stringify({
      type: "event",
      event_triggered: formatGatewayDateTime(this.now()),
      event_type: event.type,
      event_body: { merchant: { merch_key: store.merchantKey }, object, ...(event.changes ? { changes: event.changes } : {}) },
      event_id: eventId,
    });
    const delivery: Delivery = {
      eventId,
      eventType: event.type,
      url: config.url,
      body,
      signature: config.signatureKey ? signBody(body, config.signatureKey) : undefined,
      state: "pending",
      attempts: [],
      nextDelayMs: 0,
    };
    const log = [...this.deliveriesFor(merchantId), delivery].slice(-KEPT_DELIVERIES);
    this.deliveries.set(merchantId, log);
    this.scheduleAttempt(delivery, config, 0);
  }

  private scheduleAttempt(delivery: Delivery, config: WebhookConfig, delayMs: number): void {
    const schedule = this.options.schedule ?? defaultSchedule;
    // A scheduler may run the task at once (tests do): only a task still waiting keeps its cancel.
    const handle: { ran: boolean; cancel?: () => void } = { ran: false };
    handle.cancel = schedule(delayMs, () => {
      handle.ran = true;
      if (handle.cancel) this.cancels.delete(handle.cancel);
      void this.attempt(delivery, config);
    });
    if (!handle.ran) this.cancels.add(handle.cancel);
  }

  private async attempt(delivery: Delivery, config: WebhookConfig): Promise<void> {
    const attempt: DeliveryAttempt = { at: this.now() };
    delivery.attempts.push(attempt);
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (delivery.signature) headers["X-Signature"] = delivery.signature;
    const fetchImpl = this.options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
    try {
      const response = await fetchImpl(delivery.url, { method: "POST", headers, body: delivery.body, signal: AbortSignal.timeout(config.timeoutMs) });
      attempt.status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) {
        delivery.state = "delivered";
        delivery.nextDelayMs = undefined;
        return;
      }
    } catch (error) {
      attempt.error = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "network error";
    }
    const retryDelay = RETRY_DELAYS_MS[delivery.attempts.length - 1];
    if (retryDelay === undefined) {
      delivery.state = "failed";
      delivery.nextDelayMs = undefined;
      return;
    }
    delivery.nextDelayMs = Math.round(retryDelay * config.retryScale);
    this.scheduleAttempt(delivery, config, delivery.nextDelayMs);
  }
}
