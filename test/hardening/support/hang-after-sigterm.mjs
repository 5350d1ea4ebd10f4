// Preload (node --import) for the watchdog test: once SIGTERM has been handled, the main thread spins
// forever, as it did stuck in a logger's retry loop, so no timer, signal or I/O callback of it runs.
// A microtask, not a timer: it runs right after every SIGTERM listener (the server's, registered after this
// one, tells the watchdog first thing), and before a fast shutdown could finish and exit on its own.
process.on('SIGTERM', () => {
  queueMicrotask(() => {
    for (;;);
  });
});
