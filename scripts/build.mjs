// `npm run build`: the SPA into dist/ (Vite) and the server into plain JavaScript in dist-server/
// (esbuild). esbuild rather than tsc: the sources import extensionless paths (moduleResolution
// "bundler"), which Node's ESM loader cannot resolve in tsc's one-file-per-file output, and a bundle
// starts faster (one file to load instead of ~60). Types are checked by `npm run typecheck`, not here.
// Packages stay external (imported from node_modules at run time), so `npm ci --omit=dev` serves it.
// `node scripts/build.mjs server` or `spa` builds one half.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = path.join(root, 'dist-server');

export async function buildServer() {
  const esbuild = await import('esbuild');
  rmSync(SERVER_OUT, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/server/main.ts', 'user-add': 'src/server/auth/user-add.ts' },
    outdir: SERVER_OUT,
    bundle: true,
    splitting: true, // the demo API is a chunk loaded only when no ROTOR_API_URL is set
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked', // stack traces point at src/ with --enable-source-maps
    legalComments: 'none',
    logLevel: 'warning',
  });
}

export async function buildSpa() {
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2] ?? 'all';
  if (which === 'all' || which === 'spa') await buildSpa();
  if (which === 'all' || which === 'server') await buildServer();
}
