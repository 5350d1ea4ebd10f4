// The first paint's weight: the JS and CSS that index.html loads up front (entry script, module
// preloads, stylesheets), gzipped, must stay within budget. Lazy chunks (the details panel) don't count.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';

const BUDGET_KB = 130;
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
let outDir = '';

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Asset URLs index.html makes the browser fetch before first paint. */
function initialAssets(html: string): string[] {
  const urls = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src || !/\.(js|mjs|css)$/.test(src)) continue;
    const isScript = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreloadOrStyle = /rel="(modulepreload|stylesheet)"/.test(tag);
    if (isScript || isPreloadOrStyle) urls.add(src);
  }
  return [...urls];
}

it(`initial JS + CSS is at most ${BUDGET_KB} KB gzip`, async () => {
  outDir = await mkdtemp(join(tmpdir(), 'rotor-bundle-size-'));
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; measure what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: projectRoot, mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const assets = initialAssets(html);
  expect(assets.some((url) => url.endsWith('.js'))).toBe(true);
  expect(assets.some((url) => url.endsWith('.css'))).toBe(true);

  let totalBytes = 0;
  const lines: string[] = [];
  for (const url of assets) {
    const gzipped = gzipSync(await readFile(join(outDir, url.replace(/^\//, '')))).length;
    totalBytes += gzipped;
    lines.push(`  ${url}: ${(gzipped / 1024).toFixed(1)} KB gzip`);
  }
  const totalKb = totalBytes / 1024;
  console.log(`initial load: ${totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)\n${lines.join('\n')}`);
  expect(totalKb).toBeLessThanOrEqual(BUDGET_KB);
}, 120_000);
