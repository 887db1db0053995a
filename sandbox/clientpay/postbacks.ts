import type { AccountName } from "./credentials";

/**
 * Server-side postbacks (docs/clientpay-api.md, "Postbacks"): each message is a JSON POST to
 * the page's serverSideReturnAddress. A delivery that fails (no answer, a network error, or a
 * status outside 2xx) is tried again on a short schedule, and every attempt is recorded so the
 * control plane can list them. Retries resend the identical body: the receiver must be
 * idempotent, and must not trust the body (it re-reads the payment by search).
 */

/** Sends one message; resolves with the receiver's status (void counts as accepted). */
export type PostbackSender = (url: string, body: unknown) => Promise<{ status: number } | void>;

/** Runs `run` after `ms`; returns a cancel function. Injected so tests need no wall clock. */
export type Scheduler = (ms: number, run: () => void) => () => void;

export const DEFAULT_RETRY_SECONDS: readonly number[] = [2, 10, 30];

export interface PostbackAttempt {
  at: string;
  /** The receiver's HTTP status, or null when it could not be reached. */
  status: number | null;
  error: string | null;
}

export interface PostbackDelivery {
  id: string;
  account: AccountName;
  pageRequestId: string;
  /** "processing" and "result" for payment pages; "payer" for payer pages. */
  message: "processing" | "result" | "payer";
  url: string;
  body: unknown;
  state: "pending" | "delivered" | "failed";
  attempts: PostbackAttempt[];
  nextAttemptAt: string | null;
}

interface OutboxDeps {
  send: PostbackSender;
  now: () => Date;
  schedule: Scheduler;
  retrySeconds: readonly number[];
}

export const realScheduler: Scheduler = (ms, run) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/** The default sender: a real HTTP POST with a short timeout of its own. */
export const httpPostbackSender: PostbackSender = async (url, body) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  await response.body?.cancel();
  return { status: response.status };
};

/** The target without its query string, which may carry the receiver's per-page secret. */
export function maskTarget(url: string): string {
  const queryAt = url.indexOf("?");
  return queryAt === -1 ? url : `${url.slice(0, queryAt)}?[redacted]`;
}

export class PostbackOutbox {
  private deliveries: PostbackDelivery[] = [];
  private cancels = new Map<string, () => void>();
  private nextId = 1;

  constructor(private readonly deps: OutboxDeps) {}

  /**
   * Sends the messages in order, each one's first attempt after the previous one's first
   * attempt finished (so "Processing" arrives before the result when both succeed); failed
   * ones are retried in the background on the schedule.
   */
  async deliver(target: { account: AccountName; pageRequestId: string; url: string }, messages: Array<{ message: PostbackDelivery["message"]; body: unknown }>) {
    for (const { message, body } of messages) {
      const delivery: PostbackDelivery = {
        id: `postback-${this.nextId++}`,
        ...target,
        message,
        body,
        state: "pending",
        attempts: [],
        nextAttemptAt: null,
      };
      this.deliveries.push(delivery);
      await this.attempt(delivery);
    }
  }

  /** Every delivery (newest last), targets masked. */
  list(): PostbackDelivery[] {
    return this.deliveries.map((delivery) => ({ ...delivery, url: maskTarget(delivery.url), attempts: [...delivery.attempts] }));
  }

  /** Attempts every pending delivery now instead of waiting for its timer; returns how many were tried. */
  async flush(): Promise<number> {
    const pending = this.deliveries.filter((delivery) => delivery.state === "pending" && delivery.nextAttemptAt !== null);
    for (const delivery of pending) {
      this.cancels.get(delivery.id)?.();
      this.cancels.delete(delivery.id);
      await this.attempt(delivery);
    }
    return pending.length;
  }

  clear(): void {
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    this.deliveries = [];
  }

  private async attempt(delivery: PostbackDelivery): Promise<void> {
    delivery.nextAttemptAt = null;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const answer = await this.deps.send(delivery.url, delivery.body);
      status = answer ? answer.status : 200;
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (cause) {
      error = cause instanceof Error ? cause.name : "error";
    }
    delivery.attempts.push({ at: this.deps.now().toISOString(), status, error });
    if (error === null) {
      delivery.state = "delivered";
      return;
    }
    const delaySeconds = this.deps.retrySeconds[delivery.attempts.length - 1];
    if (delaySeconds === undefined) {
      delivery.state = "failed";
      return;
    }
    delivery.nextAttemptAt = new Date(this.deps.now().getTime() + delaySeconds * 1000).toISOString();
    this.cancels.set(
      delivery.id,
      this.deps.schedule(delaySeconds * 1000, () => {
        this.cancels.delete(delivery.id);
        void this.attempt(delivery);
      }),
    );
  }
}
