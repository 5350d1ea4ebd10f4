// Where the server's log lines go: stdout through an asynchronous sonic-boom. pino's default writes
// synchronously and, when stdout cannot take more (a reader that died or stopped reading), retries
// forever in `Atomics.wait` on the main thread: the process then answers nothing and ignores SIGTERM.
// Asynchronous writes never block the event loop; lines that cannot be written are dropped (bounded
// buffer), and EPIPE/EAGAIN errors are swallowed: losing log lines beats losing the server.
// SonicBoom itself, not pino.destination(): that one registers a process 'exit' handler calling
// flushSync(), which spins in the same Atomics.wait loop on a full pipe (seen: exit hung until killed).
import SonicBoom from 'sonic-boom';

/** Lines buffered while stdout is slow; beyond this they are dropped rather than held in memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface LogDestination {
  write(line: string): void;
  /** Waits (at most `timeoutMs`) for buffered lines to reach stdout: before process.exit. */
  flush: (timeoutMs: number) => Promise<void>;
}

export function stdoutDestination(): LogDestination {
  const destination = new SonicBoom({ fd: 1, sync: false, minLength: 0, maxLength: MAX_BUFFERED_BYTES });
  destination.on('error', () => undefined);
  // process.stdout/stderr emit EPIPE as an 'error' event too (an uncaught one would crash the server).
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  return {
    write: (line) => destination.write(line),
    flush: (timeoutMs) =>
      new Promise<void>((resolve) => {
        // sonic-boom's flush() answers at once with minLength 0; what matters is its write queue.
        const state = destination as unknown as { _writing: boolean; _len: number };
        if (!state._writing && state._len === 0) return resolve();
        const done = () => {
          clearTimeout(timer);
          destination.off('drain', done);
          destination.off('error', done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        destination.once('drain', done);
        destination.once('error', done);
      }),
  };
}
