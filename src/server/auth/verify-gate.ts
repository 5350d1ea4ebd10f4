// At most `concurrency` password verifications at once, the rest waiting in a bounded queue. Each scrypt
// run takes a libuv thread-pool thread (4 by default) and 32 MiB for tens of ms; a burst of sign-ins must
// not take them all, or file reads, DNS and compression for every other request would stall behind it.
export class VerifyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly maxWaiting = 32,
  ) {}

  /** Runs `task` when a slot is free; null (nothing run) when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T | null> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), else free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
