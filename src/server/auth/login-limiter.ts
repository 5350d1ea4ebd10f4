// Sign-in attempts, counted per client (IP, IPv6 per /64) and per user name over a sliding window.
// An attempt is counted *before* its password is checked and refunded when it succeeds, so a burst of
// parallel guesses cannot all pass the check before the first failure is recorded.
// - Per client: past `max` attempts every attempt is refused until the oldest ages out.
// - Per user: past `max` failures against one name, only clients that have failed themselves are
//   refused; a stranger's guessing must not lock the rep out from their own machine.
import { clientKey } from './addresses';

export interface LoginLimits {
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { max: 5, windowMs: 60_000 };

/** Bounds the memory a flood of distinct names or addresses can take. */
const MAX_KEYS = 10_000;

/** A counted attempt: `refund()` on success (the attempt was not a failure). */
export interface LoginAttempt {
  refund(): void;
}

export class FailedLoginLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number,
  ) {}

  /**
   * Counts an attempt from `ip` for `username`, or answers how many seconds to wait (nothing counted).
   * Check and count happen in one synchronous step, so parallel requests see each other.
   */
  begin(ip: string, username: string): LoginAttempt | { retryAfterSeconds: number } {
    const client = `ip:${clientKey(ip)}`;
    const user = `user:${username}`;
    const clientWait = this.waitMs(client);
    // The user's lock only holds for a client that has failed itself within the window.
    const userWait = this.recent(client).length > 0 ? this.waitMs(user) : 0;
    const wait = Math.max(clientWait, userWait);
    if (wait > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };

    const at = this.now();
    for (const key of [client, user]) this.push(key, at);
    return {
      refund: () => {
        this.remove(client, at);
        // A successful sign-in also forgets the user's failures (not the client's).
        this.attempts.delete(user);
      },
    };
  }

  private push(key: string, at: number): void {
    const times = this.recent(key);
    times.push(at);
    this.attempts.delete(key); // re-insert: Map order is then least recently used first
    this.attempts.set(key, times.slice(-this.limits.max));
    while (this.attempts.size > MAX_KEYS) this.attempts.delete(this.attempts.keys().next().value as string);
  }

  private remove(key: string, at: number): void {
    const times = this.attempts.get(key);
    const index = times?.lastIndexOf(at) ?? -1;
    if (times && index >= 0) times.splice(index, 1);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.attempts.get(key) ?? []).filter((time) => time > since);
  }

  private waitMs(key: string): number {
    const times = this.recent(key);
    if (times.length < this.limits.max) return 0;
    return times[times.length - this.limits.max]! + this.limits.windowMs - this.now();
  }
}
