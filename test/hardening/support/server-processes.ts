// What the process-level hardening files share: the demo API they point real server processes at, and
// the bookkeeping of those processes, so that every one's output reaches the leak check and none outlives
// its file.
import { afterAll, beforeAll } from 'vitest';
import { createDemoApi, type DemoApi, type DemoApiOptions } from '../../../src/demo-api/app';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from '../../support/server-process';
import type { LeakWatch } from './leak-watch';

/** A demo API listening for the enclosing suite (started before its tests, closed after them). */
export function useDemoUpstream(options: DemoApiOptions): { readonly demo: DemoApi; readonly url: string } {
  let demo: DemoApi | undefined;
  let url = '';
  beforeAll(async () => {
    demo = createDemoApi(options);
    url = await demo.listen();
  });
  afterAll(async () => {
    await demo?.close();
  });
  return {
    get demo() {
      if (!demo) throw new Error('demo API not started');
      return demo;
    },
    get url() {
      return url;
    },
  };
}

/**
 * Starts and stops server processes for a test file. After the file, whatever still runs is killed, its
 * output and every DATA_DIR handed out by `leaks` are checked, and the leak check runs.
 */
export function useServerProcesses(leaks: LeakWatch): {
  start(options: ServerProcessOptions): Promise<ServerProcess>;
  /** Signals the process (default SIGTERM) and resolves with how it exited; its output goes to the leak check. */
  stop(child: ServerProcess, signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const child of running.splice(0)) {
      child.signal('SIGKILL');
      await child.exited;
      leaks.add(`child ${child.pid} output`, child.output());
    }
    leaks.sweepDataDirs();
    leaks.expectNoLeak();
  });
  return {
    async start(options) {
      const child = await startServerProcess(options);
      running.push(child);
      return child;
    },
    async stop(child, signal = 'SIGTERM') {
      child.signal(signal);
      const exit = await child.exited;
      running.splice(running.indexOf(child), 1);
      leaks.add(`child ${child.pid} output`, child.output());
      return exit;
    },
  };
}
