// Saved views in DATA_DIR/views.json through the real app: on disk before the answer, kept across a
// restart (a second app on the same DATA_DIR), 50 parallel POSTs → 50 views on disk (writes serialised),
// a damaged file set aside with a log line and never overwritten, leftovers of a crashed write removed.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { View } from '../../src/shared/views';
import { VIEWS_FILE } from '../../src/server/views/views-file';
import { tempDir } from './support/auth';
import { useHarnesses } from '../support/dashboard-harness';
import { viewsClient } from './support/views';

const root = tempDir('views-');
const start = useHarnesses();
let dirs = 0;

function newDataDir(): string {
  const dir = path.join(root, `data-${++dirs}`);
  mkdirSync(dir);
  return dir;
}

async function startOn(dataDir: string, lines: string[] = []) {
  const h = await start({
    demo: { leadCount: 20 },
    config: { dataDir },
    logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
  });
  return { h, views: viewsClient(h.app) };
}

const onDisk = (dataDir: string) =>
  JSON.parse(readFileSync(path.join(dataDir, VIEWS_FILE), 'utf8')) as { format: string; views: Omit<View, 'builtin'>[] };

describe('DATA_DIR/views.json', () => {
  it('is written before the answer, and a restart on the same DATA_DIR serves the same views', async () => {
    const dataDir = newDataDir();
    const first = await startOn(dataDir);
    const kept = await first.views.make('Kept', 'stage=Won', true);
    // On disk the moment the 201 arrives.
    expect(onDisk(dataDir)).toEqual({ format: 'rotor-dashboard/views@1', views: [expect.objectContaining({ id: kept.id, name: 'Kept' })] });
    const renamed = (await first.views.patch(kept.id, { name: 'Kept and renamed' })).body.data as View;
    expect(onDisk(dataDir).views[0]!.name).toBe('Kept and renamed');
    const gone = await first.views.make('Deleted');
    expect((await first.views.remove(gone.id)).status).toBe(204);
    expect(onDisk(dataDir).views.map((v) => v.name)).toEqual(['Kept and renamed']);
    const before = (await first.views.list()).body.data;
    await first.h.close();

    const second = await startOn(dataDir);
    const after = (await second.views.list()).body.data as View[];
    expect(after).toEqual(before);
    expect(after.at(-1)).toEqual(renamed);
    // The restored views follow every rule, e.g. their names are taken.
    expect((await second.views.create({ name: 'KEPT AND RENAMED', query: '' })).status).toBe(409);
  });

  it('50 parallel POSTs → 50 views, all on disk (writes run one at a time, none lost)', async () => {
    const dataDir = newDataDir();
    const { h, views } = await startOn(dataDir);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => views.create({ name: `parallel ${i}`, query: `tags=t${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const ids = new Set(answers.map((a) => a.body.data.id));
    expect(ids.size).toBe(50);
    expect(new Set(onDisk(dataDir).views.map((v) => v.id))).toEqual(ids);
    expect((await views.list()).body.data).toHaveLength(55);
    // Parallel deletes and renames of all of them settle the same way.
    await Promise.all([...ids].map((id, i) => (i % 2 === 0 ? views.remove(id) : views.patch(id, { name: `renamed ${i}` }))));
    const left = onDisk(dataDir).views;
    expect(left).toHaveLength(25);
    expect(left.every((v) => v.name.startsWith('renamed '))).toBe(true);
    expect(readdirSync(dataDir).filter((name) => name.includes('.tmp-'))).toEqual([]);
    await h.close();
  });

  it('a damaged file is renamed aside with a log line, the server starts without it, and it is never overwritten', async () => {
    const dataDir = newDataDir();
    const damaged = '{"format":"rotor-dashboard/views@1","views":[{"id":"v_1","name":"Half';
    writeFileSync(path.join(dataDir, VIEWS_FILE), damaged);
    const lines: string[] = [];
    const { views } = await startOn(dataDir, lines);
    expect((await views.list()).body.data).toHaveLength(5);
    const aside = readdirSync(dataDir).filter((name) => name.startsWith(`${VIEWS_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe(damaged);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'saved views set aside');
    expect(logged).toEqual([
      expect.objectContaining({ file: VIEWS_FILE, moved_to: aside[0], reason: expect.stringMatching(/not valid JSON/) }),
    ]);
    // The next save writes a new views.json; the damaged copy stays as it was.
    await views.make('Fresh start');
    expect(onDisk(dataDir).views.map((v) => v.name)).toEqual(['Fresh start']);
    expect(readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe(damaged);
  });

  it.each([
    ['another format', '{"format":"something-else","views":[]}'],
    [
      'a view with a wrong type',
      '{"format":"rotor-dashboard/views@1","views":[{"id":"v_1","name":"x","query":"","shared":"no","owner":null,"created_at":"2026-12-01T00:00:00Z","updated_at":"2026-12-01T00:00:00Z"}]}',
    ],
    [
      'a view posing as a built-in',
      '{"format":"rotor-dashboard/views@1","views":[{"id":"builtin-all-leads","name":"x","query":"","shared":true,"owner":null,"created_at":"2026-12-01T00:00:00Z","updated_at":"2026-12-01T00:00:00Z"}]}',
    ],
    ['an empty file', ''],
  ])('%s is set aside too', async (_name, text) => {
    const dataDir = newDataDir();
    writeFileSync(path.join(dataDir, VIEWS_FILE), text);
    const { views } = await startOn(dataDir);
    expect((await views.list()).body.data).toHaveLength(5);
    expect(existsSync(path.join(dataDir, VIEWS_FILE))).toBe(false);
    expect(readdirSync(dataDir).filter((name) => name.startsWith(`${VIEWS_FILE}.corrupt-`))).toHaveLength(1);
  });

  it('temp files of a write cut short by a crash are removed at start; the last complete file is served', async () => {
    const dataDir = newDataDir();
    const first = await startOn(dataDir);
    await first.views.make('Survivor');
    await first.h.close();
    writeFileSync(path.join(dataDir, `${VIEWS_FILE}.tmp-999-abcd1234`), '{"format":"rotor-dashboard/views@1","vie');
    const second = await startOn(dataDir);
    expect((await second.views.names()).slice(5)).toEqual(['Survivor']);
    expect(readdirSync(dataDir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('a failed write answers 500 and changes nothing (memory stays what is on disk)', async () => {
    const dataDir = newDataDir();
    const { views } = await startOn(dataDir);
    await views.make('Before the failure');
    // views.json turned into a non-empty directory: the rename over it fails.
    const file = path.join(dataDir, VIEWS_FILE);
    rmSync(file);
    mkdirSync(path.join(file, 'blocker'), { recursive: true });
    const failed = await views.create({ name: 'Never saved', query: '' });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ status: 'error', error_code: 'INTERNAL_ERROR', message: expect.any(String) });
    expect((await views.names()).slice(5)).toEqual(['Before the failure']);
  });
});
