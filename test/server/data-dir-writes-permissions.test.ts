// DATA_DIR hardening through the real parts: a short write (here: a file size limit, as a full disk
// would cause) fails the atomic write instead of saving a truncated file, and an existing DATA_DIR
// that others can read is narrowed to 0700 when the server starts, with a log line.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/auth';
import { useHarnesses } from '../support/dashboard-harness';

const dir = tempDir('persist-');
const start = useHarnesses();
const atomicFile = path.resolve('src/server/persistence/atomic-file.ts');

describe('the atomic writer', () => {
  it('fails on a short write (file size limit) and leaves the old file and no temp file', () => {
    const target = path.join(dir, 'target.json');
    writeFileSync(target, 'old content');
    const script = `import { writeFileAtomic } from ${JSON.stringify(atomicFile)};
      try { await writeFileAtomic(${JSON.stringify(target)}, ['x'.repeat(4000)]); console.log('saved'); }
      catch (error) { console.log('failed ' + error.code); }`;
    // SIGXFSZ ignored: write(2) past the limit then writes what fits (a short count) and fails after.
    const result = spawnSync(
      'bash',
      ['-c', `trap '' XFSZ; ulimit -f 1; exec "$0" --import tsx --input-type=module -e "$1"`, process.execPath, script],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.stdout.trim()).toBe('failed EFBIG');
    expect(readFileSync(target, 'utf8')).toBe('old content');
    expect(readdirSync(dir).filter((name) => name.startsWith('target.json.tmp-'))).toEqual([]);
  });
});

describe('DATA_DIR', () => {
  it('an existing directory open to others is narrowed to 0700 at start, with one log line', async () => {
    const dataDir = path.join(dir, 'open-data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const lines: string[] = [];
    await start({ config: { dataDir }, logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const logged = lines.filter((line) => line.includes('changed its mode to 0700'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: 40, was: '755' });
  });

  it('a private one is left alone, silently; a new one is created 0700', async () => {
    const lines: string[] = [];
    const logger = { level: 'info' as const, stream: { write: (line: string) => void lines.push(line) } };
    const privateDir = path.join(dir, 'private-data');
    mkdirSync(privateDir, { mode: 0o700 });
    await start({ config: { dataDir: privateDir }, logger });
    const fresh = path.join(dir, 'fresh', 'data');
    await start({ config: { dataDir: fresh }, logger });
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(lines.filter((line) => line.includes('changed its mode'))).toEqual([]);
  });
});
