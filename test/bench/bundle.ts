// Bundle section: gzip size of what index.html makes the browser load up front (entry script,
// modulepreloads, stylesheets) for the real production build, and for a React + ReactDOM-only app
// built the same way (same vite.config.ts) in a temp folder: the floor no React app can go under.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../support/server-process';
import { round } from './lib/stats';

const VITE_BIN = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const VITE_CONFIG = join(PROJECT_ROOT, 'vite.config.ts');

export interface InitialAssets {
  jsGzipKb: number;
  cssGzipKb: number;
  files: { path: string; gzipKb: number }[];
}

export interface BundleResult {
  js_gzip_kb: number;
  css_gzip_kb: number;
  floor_js_gzip_kb: number;
  floor_css_gzip_kb: number;
  total_gzip_kb: number;
  build_ms: number;
}

/** The assets index.html loads before anything runs: module entry, modulepreloads and stylesheets. */
export function measureInitialAssets(distDir: string): InitialAssets {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!url || /^(https?:)?\/\//.test(url)) continue;
    if (tag.startsWith('<script') && /type="module"/.test(tag)) js.add(url);
    else if (/rel="modulepreload"/.test(tag)) js.add(url);
    else if (/rel="stylesheet"/.test(tag)) css.add(url);
  }
  const sizeOf = (url: string) => gzipSync(readFileSync(join(distDir, url.replace(/^\//, '')))).length / 1024;
  const files = [...js, ...css].map((path) => ({ path, gzipKb: round(sizeOf(path), 2) }));
  const sum = (urls: Set<string>) => [...urls].reduce((total, url) => total + sizeOf(url), 0);
  return { jsGzipKb: round(sum(js), 2), cssGzipKb: round(sum(css), 2), files };
}

function viteBuild(root: string): void {
  execFileSync(process.execPath, [VITE_BIN, 'build', root, '--config', VITE_CONFIG, '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** A React + ReactDOM-only app built in a temp folder (node_modules linked from the project); `remove` deletes it. */
export function buildMinimalApp(): { distDir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'rotor-bench-floor-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    mkdirSync(join(root, 'src'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Floor</title></head>' +
        '<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
    );
    writeFileSync(
      join(root, 'src', 'main.tsx'),
      "import { createRoot } from 'react-dom/client';\n" +
        "createRoot(document.getElementById('root') as HTMLElement).render(<h1>Floor</h1>);\n",
    );
    viteBuild(root);
    return { distDir: join(root, 'dist'), remove };
  } catch (error) {
    remove();
    throw error;
  }
}

function buildFloorApp(): InitialAssets {
  const app = buildMinimalApp();
  try {
    return measureInitialAssets(app.distDir);
  } finally {
    app.remove();
  }
}

/** `npm run build`: the production SPA in dist/. */
export function buildSpa(): number {
  const started = performance.now();
  viteBuild(PROJECT_ROOT);
  return performance.now() - started;
}

/** Builds the real app into dist/ (what `npm run build` does; the browser section serves it). */
export function runBundleBench(log: (line: string) => void): { result: BundleResult; app: InitialAssets } {
  const buildMs = buildSpa();
  const app = measureInitialAssets(join(PROJECT_ROOT, 'dist'));
  log(`  app build ${Math.round(buildMs)} ms: ${app.files.map((f) => `${f.path} ${f.gzipKb} KB`).join(', ')}`);
  const floor = buildFloorApp();
  return {
    app,
    result: {
      js_gzip_kb: app.jsGzipKb,
      css_gzip_kb: app.cssGzipKb,
      floor_js_gzip_kb: floor.jsGzipKb,
      floor_css_gzip_kb: floor.cssGzipKb,
      total_gzip_kb: round(app.jsGzipKb + app.cssGzipKb, 2),
      build_ms: Math.round(buildMs),
    },
  };
}
