// Graceful stop on SIGTERM/SIGINT: stop accepting, let requests in flight finish, save (the app's
// onClose), flush the log, exit 0. A second signal exits 1 at once; past the deadline the main thread
// exits 1 itself, and if it is stuck the watchdog worker kills the process.
import type { FastifyBaseLogger } from 'fastify';
import type { Watchdog } from './watchdog';

export interface ShutdownOptions {
  log: FastifyBaseLogger;
  /** Run in order; each may fail without stopping the others. */
  closers: (() => Promise<unknown>)[];
  deadlineMs: number;
  watchdog: Watchdog;
  flushLogs: (timeoutMs: number) => Promise<void>;
}

export function installShutdown(options: ShutdownOptions): void {
  const { log, closers, deadlineMs, watchdog, flushLogs } = options;
  let closing = false;
  const exit = (code: number) => void flushLogs(500).then(() => process.exit(code));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) {
        log.warn({ signal }, 'second signal: exiting without waiting');
        exit(1);
        return;
      }
      closing = true;
      // First, before anything that could block: from here the worker holds the deadline too.
      watchdog.shutdownStarted();
      log.info({ signal }, 'shutting down');
      // A second short of the deadline, so the log flush still fits in it; the watchdog fires at it.
      setTimeout(() => {
        log.error({ timeout_ms: deadlineMs }, 'shutdown timed out: exiting');
        exit(1);
      }, deadlineMs - 1_000).unref();
      void (async () => {
        let failed = false;
        for (const close of closers)
          await close().catch((error: unknown) => {
            failed = true;
            log.error({ err: error }, 'error while shutting down');
          });
        log.info('stopped');
        exit(failed ? 1 : 0);
      })();
    });
  }
}
