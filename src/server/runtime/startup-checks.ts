// Checks made before anything is started, so a mistake ends with one line naming the setting to
// change — not a stack trace after the demo API, a sync and a half-written file have begun.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';

export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * DATA_DIR must be a directory we can create files in, whatever the auth mode (the session secret,
 * the snapshot and the quota count all live there): one rule, refused at start.
 */
export function checkDataDir(dir: string): void {
  try {
    // mkdir says EEXIST for a file in the way; ENOTDIR names the problem.
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK | constants.X_OK | constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(`DATA_DIR ${dir} is not a writable directory (${code}); point DATA_DIR at one the server's user can write`);
  }
}

/** Binds HOST:PORT for a moment: EADDRINUSE/EACCES/EADDRNOTAVAIL become one line naming the variable. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(new StartupError(portMessage(error, host, port))));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export function portMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (EADDRINUSE); stop the other server or choose another with PORT=<port>`;
    case 'EACCES':
      return `port ${port} needs privileges this user lacks (EACCES); choose a port above 1023 with PORT=<port>`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `HOST ${host} is not an address of this machine (${error.code}); set HOST to one (e.g. 127.0.0.1 or 0.0.0.0)`;
    default:
      return `cannot listen on ${host}:${port} (${error.code ?? 'error'}); check HOST and PORT`;
  }
}
