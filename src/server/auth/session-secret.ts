// The key that signs session cookies: SESSION_SECRET, or one generated on first start and kept in
// DATA_DIR/session-secret (mode 0600), so sessions survive restarts without anyone choosing a secret.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export const SESSION_SECRET_FILE = 'session-secret';

/** Without a DATA_DIR (tests) the secret lives only as long as the process. */
export function loadOrCreateSessionSecret(dataDir: string | undefined): string {
  if (dataDir === undefined) return randomBytes(32).toString('base64url');
  const file = path.join(dataDir, SESSION_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== null) return existing;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written whole to a temp file, then linked into place only if no secret exists yet: a crash never
  // leaves half a secret, and of two processes starting at once both end up with the same one.
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  const written = readSecret(file);
  if (written === null) throw new Error(`could not create ${file}`);
  return written;
}

function readSecret(file: string): string | null {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    return secret.length >= 32 ? secret : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
