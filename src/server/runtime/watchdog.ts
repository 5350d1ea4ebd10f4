// The last line of defence for the shutdown deadline: a worker thread with its own event loop, which
// a stuck main thread (a blocking write to a dead stdout, an endless loop) cannot stop. It kills the
// process with SIGKILL when a shutdown has run past its deadline, or when the main thread has not
// beaten for `stallMs` (then a SIGTERM would never be handled: signals reach only the main thread).
import { Worker } from 'node:worker_threads';

export interface Watchdog {
  /** Shutdown has begun: the worker kills the process if it is still alive after `deadlineMs`. */
  shutdownStarted(): void;
}

export interface WatchdogOptions {
  deadlineMs: number;
  /** The main thread's heartbeat may be missed this long before the process counts as hung. */
  stallMs: number;
}

// Plain CommonJS evaluated in the worker: no file to find next to the compiled output, and nothing
// imported from the app (the worker must not share its fate). Its note goes out with an async write
// from the thread pool, so a full or dead stderr cannot block the kill that follows.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { beats, deadlineMs, stallMs } = workerData;
let lastBeat = Atomics.load(beats, 0);
let lastBeatAt = Date.now();
let shutdownAt = null;
parentPort.on('message', (message) => {
  if (message === 'shutdown' && shutdownAt === null) shutdownAt = Date.now();
});
function kill(reason) {
  const line = JSON.stringify({ level: 60, time: Date.now(), pid: process.pid, component: 'watchdog', msg: reason }) + '\\n';
  fs.write(2, line, () => undefined);
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 100);
}
const check = setInterval(() => {
  const now = Date.now();
  const beat = Atomics.load(beats, 0);
  if (beat !== lastBeat) {
    lastBeat = beat;
    lastBeatAt = now;
  }
  if (shutdownAt !== null && now - shutdownAt > deadlineMs) {
    clearInterval(check);
    kill('watchdog: shutdown deadline passed, killing the process');
  } else if (now - lastBeatAt > stallMs) {
    clearInterval(check);
    kill('watchdog: main thread unresponsive, killing the process');
  }
}, 200);
`;

export function startWatchdog(options: WatchdogOptions): Watchdog {
  const beats = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { beats, deadlineMs: options.deadlineMs, stallMs: options.stallMs },
    // The worker needs none of the app's loaders (tsx) or flags.
    execArgv: [],
    stdout: false,
    stderr: false,
  });
  // Never what keeps the process alive, nor what stops it from exiting.
  worker.unref();
  worker.on('error', () => undefined);
  const heartbeat = setInterval(() => Atomics.add(beats, 0, 1), Math.min(1_000, options.stallMs / 4));
  heartbeat.unref();
  return {
    shutdownStarted: () => worker.postMessage('shutdown'),
  };
}
