// The atomic writer's temp file is opened with 'wx': a symlink planted at its name (here the name is
// made predictable by fixing randomBytes) fails the write instead of writing through to the victim.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, randomBytes: (size: number) => Buffer.alloc(size, 0xab) };
});

const { TEMP_MARKER, writeFileAtomic } = await import('../../src/server/persistence/atomic-file');

const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic and a planted temp-file symlink', () => {
  it('refuses to follow it (EEXIST): the victim and the target keep their content', async () => {
    const target = path.join(dir, 'leads-snapshot.json');
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(target, 'previous');
    writeFileSync(victim, 'do not touch');
    symlinkSync(victim, `${target}${TEMP_MARKER}${process.pid}-abababab`);
    await expect(writeFileAtomic(target, ['new content'])).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(readFileSync(target, 'utf8')).toBe('previous');
  });
});
