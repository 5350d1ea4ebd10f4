// What the A/B browser benches (scroll-ab.ts, main-thread-ab.ts) share: the builds named on the command line,
// and serving one build's files to the browser while /api goes to the real server.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface AbBuild {
  name: string;
  /** A folder holding a Vite build (`dist/` of some checkout). */
  dir: string;
}

/** `[rounds] name=dist …` from argv; throws the usage line for anything else. */
export function abArguments(script: string, argv = process.argv): { rounds: number; builds: AbBuild[] } {
  const rounds = Number(argv[2] ?? 3);
  const builds = argv.slice(3).map((arg) => {
    const [name, dir] = arg.split('=');
    if (!name || !dir) throw new Error(`expected name=dist-folder, got ${arg}`);
    return { name, dir };
  });
  if (!Number.isInteger(rounds) || rounds < 1 || builds.length === 0) throw new Error(`usage: ${script} rounds name=dist …`);
  return { rounds, builds };
}

/** Every request outside /api answered from the build's folder (unknown paths: index.html, as the server does). */
export async function serveBuild(target: Page | BrowserContext, dir: string): Promise<void> {
  await target.route(
    (url) => !url.pathname.startsWith('/api'),
    async (route) => {
      const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(dir, path === '/' ? 'index.html' : path);
      const body = await readFile(file).catch(() => undefined);
      if (body) await route.fulfill({ body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      else await route.fulfill({ body: await readFile(join(dir, 'index.html')), contentType: 'text/html' });
    },
  );
}
