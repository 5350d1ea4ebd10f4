// Atomic replacement of a file: a reader (or a restart after kill -9) sees the old content or the
// new one, never a mix. Temp file in the same directory (so rename stays on one filesystem), write,
// fsync, rename over the target, fsync the directory (so the rename itself survives a power cut).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Temp files are `<target>.tmp-<pid>-<random>`; a crash can leave one behind. */
export const TEMP_MARKER = '.tmp-';

export async function writeFileAtomic(
  target: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  mode = 0o600,
): Promise<void> {
  const temp = `${target}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`;
  // 'wx': never open through a symlink (or file) planted at the temp name; a clash fails the write.
  const handle = await open(temp, 'wx', mode);
  try {
    for await (const chunk of chunks) await writeAll(handle, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(target));
}

/**
 * write(2) may write less than asked (a full disk, a file size limit): write the rest, so the next call
 * reports the error; a call that writes nothing fails the write instead of saving a truncated file.
 */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw new Error(`short write: ${offset} of ${bytes.length} bytes written (disk full?)`);
    offset += bytesWritten;
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

/** Removes temp files a crash left in `dir` for files named `baseNames`; returns how many. */
export async function removeLeftoverTempFiles(dir: string, baseNames: string[]): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(dir)) {
    if (!baseNames.some((base) => entry.startsWith(base + TEMP_MARKER))) continue;
    await rm(path.join(dir, entry), { force: true });
    removed++;
  }
  return removed;
}

/**
 * DATA_DIR holds the session secret and every lead: created 0700, and an existing one that others can
 * read or enter is narrowed to 0700 (with a log line) rather than left as found.
 */
export async function makePrivateDirectory(dir: string, log: { warn(details: object, message: string): void }): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { mode } = await stat(dir);
  if ((mode & 0o077) === 0) return;
  await chmod(dir, 0o700);
  log.warn({ dir, was: (mode & 0o777).toString(8) }, 'DATA_DIR was readable by other users: changed its mode to 0700');
}
