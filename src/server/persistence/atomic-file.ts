// Atomic replacement of a file: a reader (or a restart after kill -9) sees the old content or the
// new one, never a mix. Temp file in the same directory (so rename stays on one filesystem), write,
// fsync, rename over the target, fsync the directory (so the rename itself survives a power cut).
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Temp files are `<target>.tmp-<pid>-<random>`; a crash can leave one behind. */
export const TEMP_MARKER = '.tmp-';

export async function writeFileAtomic(
  target: string,
  chunks: Iterable<string> | AsyncIterable<string>,
  mode = 0o600,
): Promise<void> {
  const temp = `${target}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(temp, 'w', mode);
  try {
    for await (const chunk of chunks) await handle.write(chunk);
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
