// Builds the production SPA once per e2e run into a temp folder; every test file's server serves it.
// A fresh build (not whatever sits in dist/) so the browser always tests the current source.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { skipBrowserSuites } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the production build of the SPA (index.html + assets). */
    spaDir: string;
  }
}

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (skipBrowserSuites) {
    project.provide('spaDir', '');
    return async () => {};
  }
  const outDir = await mkdtemp(join(tmpdir(), 'rotor-e2e-spa-'));
  const started = Date.now();
  // Vitest sets NODE_ENV=test, and Vite would then bundle React's development build: set it to what
  // `npm run build` sees, so the browser tests the production bundle.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: projectRoot,
      configFile: join(projectRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  console.log(`[e2e] built the SPA into ${outDir} in ${Date.now() - started} ms`);
  project.provide('spaDir', outDir);
  return async () => {
    await rm(outDir, { recursive: true, force: true });
  };
}
