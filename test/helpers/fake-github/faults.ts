import type { RouteResult } from "./http.js";

/** A failure the fake answers instead of (or after) handling a request. */
export interface Fault {
  status: number;
  /** A 403 (or 429) GitHub's throttling clients recognise: "secondary rate limit" in the message. */
  secondaryRateLimit?: boolean;
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number;
  /** More response headers, e.g. `x-ratelimit-remaining: "0"` with `x-ratelimit-reset`. */
  headers?: Record<string, string>;
  message?: string;
  /** Apply the request's effect, then answer the failure: the write happened but the client saw an error. */
  afterHandling?: boolean;
  /** Only matching requests fail (and count toward `failNext`). */
  match?: { method?: string; path?: string | RegExp };
}

function matches(fault: Fault, method: string, path: string): boolean {
  const match = fault.match;
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (typeof match.path === "string") return path === match.path;
  if (match.path instanceof RegExp) return match.path.test(path);
  return true;
}

/** mulberry32: a tiny seeded generator, so `failRate` fails the same requests on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FaultPlan {
  private readonly queued: Array<{ remaining: number; fault: Fault }> = [];
  private readonly rates: Array<{ fraction: number; fault: Fault; random: () => number }> = [];

  failNext(count: number, fault: Fault): void {
    this.queued.push({ remaining: count, fault });
  }

  failRate(fraction: number, fault: Fault, seed: number): void {
    this.rates.push({ fraction, fault, random: seededRandom(seed) });
  }

  clear(): void {
    this.queued.length = 0;
    this.rates.length = 0;
  }

  /** The fault for this request, if any; consumes one `failNext` count. */
  pick(method: string, path: string): Fault | undefined {
    const queued = this.queued.find((entry) => entry.remaining > 0 && matches(entry.fault, method, path));
    if (queued) {
      queued.remaining -= 1;
      return queued.fault;
    }
    for (const rate of this.rates) {
      if (matches(rate.fault, method, path) && rate.random() < rate.fraction) return rate.fault;
    }
    return undefined;
  }
}

export function faultResult(fault: Fault): RouteResult {
  const headers: Record<string, string> = {
    ...(fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {}),
    ...fault.headers,
  };
  if (fault.secondaryRateLimit) {
    const message = fault.message ?? "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
    const documentation_url = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
    return { status: fault.status, body: { message, documentation_url }, headers };
  }
  const message = fault.message ?? (fault.status >= 500 ? "Server Error" : "Injected failure");
  return { status: fault.status, body: { message, status: String(fault.status) }, headers };
}
