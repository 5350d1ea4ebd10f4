// `describe` for browser suites: skipped with a printed reason when no Chromium is installed (never under CI).
import { describe } from 'vitest';
import { missingBrowserReason, skipBrowserSuites } from './browser';

let reportedSkip = false;
function reportSkipOnce(): void {
  if (!skipBrowserSuites || reportedSkip) return;
  reportedSkip = true;
  console.warn(`[e2e] browser tests SKIPPED: ${missingBrowserReason}`);
}

/** `describe` for a browser suite: skipped with a printed reason when there is no browser (never under CI). */
export function describeInBrowser(name: string, body: () => void): void {
  reportSkipOnce();
  describe.skipIf(skipBrowserSuites)(skipBrowserSuites ? `${name} (skipped: ${missingBrowserReason})` : name, body);
}
