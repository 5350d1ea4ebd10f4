// LibreOffice headless for reading the Excel export as a rep's spreadsheet would (Debian's
// libreoffice-calc-nogui). Mirrors test/e2e/support/browser.ts: without soffice a developer's run skips
// the suite with a reason; under CI=true a missing soffice reaches `convert`, which throws.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe } from 'vitest';

const run = promisify(execFile);

export const isCI = process.env.CI === 'true' || process.env.CI === '1';

const SOFFICE_PATHS = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'];

export const sofficePath = SOFFICE_PATHS.find((candidate) => existsSync(candidate)) ?? null;

export const missingSofficeReason = `no LibreOffice at ${SOFFICE_PATHS.join(' or ')} (install it with \`apt-get install -y libreoffice-calc-nogui\`)`;

const skipSpreadsheetSuites = sofficePath === null && !isCI;

/** `describe` for a suite that needs soffice: skipped with a printed reason when it is missing (never under CI). */
export function describeWithSoffice(name: string, body: () => void): void {
  if (skipSpreadsheetSuites) console.warn(`[xlsx] LibreOffice tests SKIPPED: ${missingSofficeReason}`);
  describe.skipIf(skipSpreadsheetSuites)(skipSpreadsheetSuites ? `${name} (skipped: ${missingSofficeReason})` : name, body);
}

/**
 * LibreOffice's CSV export: `,` separated, `"` quoted, UTF-8, every text cell quoted (so quotes show which
 * cells are text), then `asShown`: cell contents as formatted (what a rep sees) or the raw values.
 */
export const csvFilter = (asShown: boolean) => `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,${asShown}`;

/**
 * Converts `file` with soffice (`--convert-to <target>`) and returns the output's text. Each call uses its
 * own throw-away profile: two soffice processes sharing one would hand the job to each other or block.
 */
export async function convert(file: string, target: string, extension: string): Promise<string> {
  if (sofficePath === null) throw new Error(`CI=true requires LibreOffice for the xlsx tests: ${missingSofficeReason}`);
  const work = await mkdtemp(path.join(tmpdir(), 'rotor-soffice-'));
  try {
    const profile = pathToFileURL(path.join(work, 'profile')).href;
    const outDir = path.join(work, 'out');
    await run(
      sofficePath,
      [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', target, '--outdir', outDir, file],
      {
        timeout: 180_000,
        env: { ...process.env, HOME: work },
      },
    );
    return await readFile(path.join(outDir, `${path.parse(file).name}.${extension}`), 'utf8');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
