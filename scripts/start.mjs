// `npm start` / `npm run user:add`: runs the compiled server (dist-server/) in this very process, so
// npm's SIGTERM (package.json runs `exec node …`, no shell in between) reaches the server itself.
// First builds what is missing or older than its sources, as long as the build tools are installed;
// a production install (npm ci --omit=dev) has none and serves the build output as it is.
// BUILD_SPA=false: never build, serve what is there.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `start.mjs user-add <args>`: the entry's own arguments follow, as if it had been run directly.
const entry = process.argv[2] === 'user-add' ? 'user-add' : 'main';
if (entry !== 'main') process.argv.splice(2, 1);

/** What each build reads; if any of it is newer than the output's marker file, that build is stale. */
const BUILDS = [
  {
    name: 'spa',
    output: path.join(root, 'dist', 'index.html'),
    sources: ['index.html', 'vite.config.ts', 'tailwind.config.ts', 'public', 'src/app', 'src/shared'],
  },
  {
    name: 'server',
    output: path.join(root, 'dist-server', 'main.js'),
    sources: ['src/server', 'src/shared', 'src/demo-api', 'scripts/build.mjs'],
  },
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
  return newest;
}

function isCurrent({ output, sources }) {
  if (!existsSync(output)) return false;
  const builtAt = statSync(output).mtimeMs;
  return sources.every((source) => newestMtime(path.join(root, source)) <= builtAt);
}

const toolsInstalled = () => ['vite', 'esbuild'].every((name) => existsSync(path.join(root, 'node_modules', name)));

if (process.env.BUILD_SPA?.trim() !== 'false') {
  // The SPA only matters to the server; user:add needs just the server build.
  const needed = BUILDS.filter((build) => (entry === 'main' || build.name === 'server') && !isCurrent(build));
  if (needed.length > 0 && toolsInstalled()) {
    const { buildServer, buildSpa } = await import('./build.mjs');
    for (const build of needed) {
      // user:add's output is its own (scripts read it); the server's start says why it waits.
      if (entry === 'main')
        process.stderr.write(`Building the ${build.name === 'spa' ? 'dashboard (dist/)' : 'server (dist-server/)'}: missing or older than its sources…\n`);
      await (build.name === 'spa' ? buildSpa() : buildServer());
    }
  } else if (needed.some((build) => !existsSync(build.output))) {
    process.stderr.write('Build output is missing and the build tools are not installed: run npm ci && npm run build first\n');
    process.exit(2);
  }
}

const compiled = path.join(root, 'dist-server', `${entry}.js`);
if (!existsSync(compiled)) {
  process.stderr.write('dist-server/ is missing (BUILD_SPA=false never builds): run npm run build first\n');
  process.exit(2);
}
await import(pathToFileURL(compiled).href);
