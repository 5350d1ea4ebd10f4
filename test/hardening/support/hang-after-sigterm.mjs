// Preload (node --import) for the watchdog test: once SIGTERM has been handled, the main thread spins
// forever, as it did stuck in a logger's retry loop, so no timer, signal or I/O callback of it runs.
process.on('SIGTERM', () => {
  setTimeout(() => {
    for (;;);
  }, 50);
});
