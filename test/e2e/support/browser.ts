// Finding and launching Debian's Chromium for the browser tests.
// No browser on a developer machine: the suite is skipped with a reason. Under CI=true it must fail instead,
// so a CI image that lost its browser can never pass by running nothing.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const isCI = process.env.CI === 'true' || process.env.CI === '1';

const DEFAULT_BROWSER_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** CHROME_PATH when set (and present), else Debian's chromium; null when none is installed. */
export function findBrowser(): string | null {
  const fromEnv = process.env.CHROME_PATH?.trim();
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return DEFAULT_BROWSER_PATHS.find((path) => existsSync(path)) ?? null;
}

export const browserPath = findBrowser();

export const missingBrowserReason = process.env.CHROME_PATH?.trim()
  ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist`
  : `no Chromium at ${DEFAULT_BROWSER_PATHS.join(' or ')} (install it with \`apt-get install -y chromium\` or set CHROME_PATH)`;

/** Skip the browser suites only off CI; on CI a missing browser reaches `launchBrowser`, which throws. */
export const skipBrowserSuites = browserPath === null && !isCI;

// The background-networking flags keep Chromium from calling outside hosts (stack.md).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (browserPath === null) {
    throw new Error(`CI=true requires a browser for the e2e tests: ${missingBrowserReason}`);
  }
  return chromium.launch({ executablePath: browserPath, headless: true, args: CHROMIUM_ARGS });
}
