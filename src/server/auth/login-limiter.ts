// Failed sign-ins, counted per client IP and per user name over a sliding window. Past the limit
// every attempt (even with the right password) is refused until the oldest failure ages out, so a
// password cannot be guessed faster than `max` tries per window from one address or against one user.
export interface LoginLimits {
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { max: 5, windowMs: 60_000 };

/** Bounds the memory a flood of distinct names or addresses can take. */
const MAX_KEYS = 10_000;

export class FailedLoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number,
  ) {}

  /** Seconds until another attempt is allowed for this IP and user; 0 when allowed now. */
  retryAfterSeconds(ip: string, username: string): number {
    const wait = Math.max(this.waitMs(`ip:${ip}`), this.waitMs(`user:${username}`));
    return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : 0;
  }

  recordFailure(ip: string, username: string): void {
    for (const key of [`ip:${ip}`, `user:${username}`]) {
      const times = this.recent(key);
      times.push(this.now());
      this.failures.delete(key); // re-insert: Map order is then least recently failed first
      this.failures.set(key, times.slice(-this.limits.max));
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** A successful sign-in forgets the user's failures (not the address's). */
  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > since);
  }

  private waitMs(key: string): number {
    const times = this.recent(key);
    if (times.length < this.limits.max) return 0;
    return times[times.length - this.limits.max]! + this.limits.windowMs - this.now();
  }
}
