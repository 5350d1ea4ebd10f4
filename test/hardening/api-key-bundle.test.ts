// The API key must not reach the browser bundle. The SPA is built into a temp dir with the key in
// the environment under every name a build could pick up (ROTOR_API_KEY, VITE_ROTOR_API_KEY, …),
// and every output file is searched for it; an existing dist/ is searched too. (Responses, logs and
// DATA_DIR files are checked by each hardening suite through LeakWatch.)
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';
import { LEAK_KEY, LeakWatch } from './support/leak-watch';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const ENV_NAMES = ['ROTOR_API_KEY', 'VITE_ROTOR_API_KEY', 'VITE_API_KEY', 'DEMO_API_KEY'];
let outDir = '';

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

it('the key is in no file of a build made with the key in the environment, nor in dist/', async () => {
  const leaks = new LeakWatch();
  outDir = await mkdtemp(path.join(tmpdir(), 'rotor-leak-build-'));
  const saved = Object.fromEntries(['NODE_ENV', ...ENV_NAMES].map((name) => [name, process.env[name]]));
  process.env.NODE_ENV = 'production';
  for (const name of ENV_NAMES) process.env[name] = LEAK_KEY;
  try {
    await build({ root: projectRoot, mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const built = await filesUnder(outDir);
  expect(built.some((file) => file.endsWith('.js'))).toBe(true);
  const dist = path.join(projectRoot, 'dist');
  const shipped = existsSync(dist) ? await filesUnder(dist) : [];
  for (const file of [...built, ...shipped]) leaks.add(path.relative(projectRoot, file), await readFile(file));
  console.log(`leak check: ${built.length} built + ${shipped.length} dist/ files, ${(leaks.bytesChecked / 1e6).toFixed(1)} MB searched`);
  leaks.expectNoLeak();
}, 120_000);

it('the leak watch itself finds the key, raw or inside JSON', () => {
  for (const text of [`x${LEAK_KEY}y`, JSON.stringify({ headers: { 'x-api-key': LEAK_KEY } }), Buffer.from(`\n${LEAK_KEY}`)]) {
    const probe = new LeakWatch();
    probe.add('probe', text);
    expect(() => probe.expectNoLeak()).toThrow(/probe/);
  }
});
