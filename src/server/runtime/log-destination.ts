// Where the server's log lines go: stdout, written asynchronously. pino's default writes synchronously and,
// when stdout cannot take more (a reader that died or stopped reading), retries forever in `Atomics.wait` on
// the main thread: the process then answers nothing and ignores SIGTERM. Here writes never block the event
// loop; lines that cannot be written are dropped (bounded buffer), and write errors are swallowed: losing log
// lines beats losing the server.
// Not sonic-boom's asynchronous mode (nor pino.destination(), whose 'exit' handler calls flushSync() and spins
// in the same wait on a full pipe): it appends each line to one string and measures that string's UTF-8 length
// per line, so under load every line was copied many times and the waiting lines outlived young-generation
// collections, about half of what the server promoted to the old generation. Here each line is copied once
// into a byte buffer, and two buffers take turns: one is written while the other fills.
import { write as fsWrite } from 'node:fs';

/** Bytes buffered while stdout is slow; beyond this, lines are dropped rather than held in memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Each of the two buffers' size: lines arriving during one write fit in it at any realistic rate. */
const BUFFER_BYTES = 64 * 1024;
/** A write refused with EAGAIN (a non-blocking pipe that is full) is tried again after this long. */
const RETRY_MS = 50;

export interface LogDestination {
  write(line: string): void;
  /** Waits (at most `timeoutMs`) for buffered lines to reach stdout: before process.exit. */
  flush: (timeoutMs: number) => Promise<void>;
}

export function stdoutDestination(): LogDestination {
  // process.stdout/stderr emit EPIPE as an 'error' event too (an uncaught one would crash the server).
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  return new LineWriter(1);
}

/** Lines into `filling`; `filling` written to `fd` whenever no write is under way, then reused. */
export class LineWriter implements LogDestination {
  private filling: Buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  private filled = 0;
  /** The other buffer, free while no write is under way. */
  private spare: Buffer | null = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  private writing = false;
  private idleWaiters: (() => void)[] = [];
  /** Lines dropped because the buffer was full (stdout not keeping up). */
  dropped = 0;

  constructor(private readonly fd: number) {}

  // Arrow properties: callers hand these on unbound (installShutdown's flushLogs).
  readonly write = (line: string): void => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a line that might not fit is measured.
    if (line.length * 3 > this.filling.length - this.filled && !this.makeRoom(Buffer.byteLength(line))) {
      this.dropped++;
      return;
    }
    this.filled += this.filling.write(line, this.filled);
    if (!this.writing) this.writeFilled();
  };

  readonly flush = (timeoutMs: number): Promise<void> => {
    if (!this.writing && this.filled === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.idleWaiters.push(done);
    });
  };

  /** A bigger filling buffer when stdout is slower than the lines come (up to MAX_BUFFERED_BYTES). */
  private makeRoom(bytes: number): boolean {
    if (this.filling.length - this.filled >= bytes) return true;
    const needed = this.filled + bytes;
    if (needed > MAX_BUFFERED_BYTES) return false;
    const grown = Buffer.allocUnsafeSlow(Math.min(MAX_BUFFERED_BYTES, Math.max(needed, 2 * this.filling.length)));
    this.filling.copy(grown, 0, 0, this.filled);
    this.filling = grown;
    return true;
  }

  private writeFilled(): void {
    const full = this.filling;
    const length = this.filled;
    this.filling = this.spare ?? Buffer.allocUnsafeSlow(BUFFER_BYTES);
    this.spare = null;
    this.filled = 0;
    this.writing = true;
    this.writeFrom(full, 0, length);
  }

  private writeFrom(buffer: Buffer, offset: number, length: number): void {
    fsWrite(this.fd, buffer, offset, length - offset, null, (error, written) => {
      if (error?.code === 'EAGAIN') {
        setTimeout(() => this.writeFrom(buffer, offset, length), RETRY_MS).unref();
        return;
      }
      // Any other error (EPIPE: the reader is gone) loses what was in this buffer.
      if (error === null && offset + written < length) return this.writeFrom(buffer, offset + written, length);
      this.written(buffer);
    });
  }

  private written(buffer: Buffer): void {
    // A buffer grown for a burst is let go, so the memory returns once stdout catches up.
    if (buffer.length === BUFFER_BYTES) this.spare = buffer;
    this.writing = false;
    if (this.filled > 0) return this.writeFilled();
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
