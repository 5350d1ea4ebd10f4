// A snapshot saved from a compacted index copies the UTF-8 bytes it holds (no decode and encode again): the
// file is byte for byte the one saved from the lead objects, and reads back to them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { SNAPSHOT_FILE, SnapshotStore, type LeadsToSave } from '../../src/server/persistence/snapshot-store';
import type { Lead } from '../../src/shared/lead';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noQuota = { day: 0, used: 0, backgroundUsed: 0, blockedUntil: 0 };

/** Saves `held` to a new DATA_DIR; the file's bytes and what a new store reads back. */
async function saved(held: LeadsToSave): Promise<{ bytes: Buffer; leads: readonly Lead[] | undefined }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rotor-snapshot-bytes-'));
  dirs.push(dir);
  const store = new SnapshotStore({ dir, source: 'test-source', log });
  await store.prepare();
  await store.flush(held, noQuota);
  const reread = await new SnapshotStore({ dir, source: 'test-source', log }).loadLeads();
  return { bytes: readFileSync(path.join(dir, SNAPSHOT_FILE)), leads: reread?.leads };
}

describe('a snapshot of a compacted index', () => {
  it('is byte for byte the snapshot of the lead objects, across chunks and with multi-byte text', async () => {
    const leads: Lead[] = [
      ...generateDemoLeads(2600, 4),
      { id: 'utf8-1', name: 'Ζωή Łódź 😀 \uD800 lone', tags: ['ünï', '日本'] },
      { id: 'nul-1', name: 'has x\u0000y inside', email: null },
    ];
    const syncedAt = Date.UTC(2026, 11, 2);
    const fromObjects = await saved({ leads, syncedAt, pagesPerSync: 3 });
    const index = LeadIndex.build(leads);
    const beforeCompaction = await saved({ leadTexts: index, syncedAt, pagesPerSync: 3 });
    await index.compactAsync();
    expect(index.leadBytesAt(0)).not.toBeNull();
    const fromBytes = await saved({ leadTexts: index, syncedAt, pagesPerSync: 3 });

    expect(beforeCompaction.bytes.equals(fromObjects.bytes)).toBe(true);
    expect(fromBytes.bytes.equals(fromObjects.bytes)).toBe(true);
    expect(fromBytes.leads).toEqual(JSON.parse(JSON.stringify(leads)));
  });
});
