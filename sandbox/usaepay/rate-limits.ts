import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Per-minute and per-day counters for one bucket (endpoint key + client IP, optionally + API key
 * when a key has its own override). rate-limiter-flexible's fixed windows start at a bucket's
 * first call. A call refused by either window is not counted (docs/usaepay-api.md, "Interpretations": a
 * 429 does not count).
 */
export interface Limits {
  perMinute: number;
  perDay: number;
}

export interface RateDecision {
  allowed: boolean;
  minuteUsed: number;
  dayUsed: number;
  limits: Limits;
  retryAfterSeconds?: number;
}

export class RateLimitCounters {
  private limiters = new Map<string, { minute: RateLimiterMemory; day: RateLimiterMemory }>();

  private limiterFor(limits: Limits) {
    const id = `${limits.perMinute}/${limits.perDay}`;
    let pair = this.limiters.get(id);
    if (!pair) {
      pair = {
        minute: new RateLimiterMemory({ points: limits.perMinute, duration: 60 }),
        day: new RateLimiterMemory({ points: limits.perDay, duration: 86_400 }),
      };
      this.limiters.set(id, pair);
    }
    return pair;
  }

  async consume(bucket: string, limits: Limits): Promise<RateDecision> {
    const { minute, day } = this.limiterFor(limits);
    let minuteRes: RateLimiterRes;
    try {
      minuteRes = await minute.consume(bucket);
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      await minute.reward(bucket);
      const dayRes = await day.get(bucket);
      return { allowed: false, minuteUsed: limits.perMinute, dayUsed: dayRes?.consumedPoints ?? 0, limits, retryAfterSeconds: Math.max(1, Math.ceil(rejected.msBeforeNext / 1000)) };
    }
    try {
      const dayRes = await day.consume(bucket);
      return { allowed: true, minuteUsed: minuteRes.consumedPoints, dayUsed: dayRes.consumedPoints, limits };
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      await Promise.all([minute.reward(bucket), day.reward(bucket)]);
      return { allowed: false, minuteUsed: Math.max(0, minuteRes.consumedPoints - 1), dayUsed: limits.perDay, limits, retryAfterSeconds: Math.max(1, Math.ceil(rejected.msBeforeNext / 1000)) };
    }
  }

  /** Current usage without counting a call (for answers refused before the rate check). */
  async peek(bucket: string, limits: Limits): Promise<RateDecision> {
    const { minute, day } = this.limiterFor(limits);
    const [minuteRes, dayRes] = await Promise.all([minute.get(bucket), day.get(bucket)]);
    return { allowed: true, minuteUsed: minuteRes?.consumedPoints ?? 0, dayUsed: dayRes?.consumedPoints ?? 0, limits };
  }

  reset(): void {
    this.limiters.clear();
  }
}

/** The documented header value, quotes included: "8 of 45/min; 8 of 5000/day". */
export function formatRateLimitHeader(decision: RateDecision): string {
  return `"${decision.minuteUsed} of ${decision.limits.perMinute}/min; ${decision.dayUsed} of ${decision.limits.perDay}/day"`;
}
