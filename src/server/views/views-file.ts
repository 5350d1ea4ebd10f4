// DATA_DIR/views.json: the saved views, as one JSON document replaced atomically on every change.
//   { "format": "rotor-dashboard/views@1", "views": [ { id, name, query, shared, owner, created_at, updated_at } ] }
// Reading is strict: a file that is not exactly this (truncated, hand-broken, another format) is renamed
// `views.json.corrupt-<time>` with one log line — never overwritten or deleted, since it may hold a team's
// work someone wants back — and the server starts without it.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { View } from '../../shared/views';
import { removeLeftoverTempFiles, writeFileAtomic } from '../persistence/atomic-file';

export const VIEWS_FILE = 'views.json';
const VIEWS_FORMAT = 'rotor-dashboard/views@1';

/** A saved view as held and stored (`builtin` is always false for these, so it is not stored). */
export type StoredView = Omit<View, 'builtin'>;

interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

class Damaged extends Error {}

const isString = (value: unknown): value is string => typeof value === 'string';
const isInstant = (value: unknown): value is string => isString(value) && Number.isFinite(Date.parse(value));

function parseView(value: unknown): StoredView {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Damaged('a view is not an object');
  const v = value as Record<string, unknown>;
  if (!isString(v.id) || v.id === '' || v.id.startsWith('builtin-')) throw new Damaged('a view has a bad id');
  if (!isString(v.name) || !isString(v.query) || typeof v.shared !== 'boolean') throw new Damaged('a view has a bad field');
  if (v.owner !== null && !isString(v.owner)) throw new Damaged('a view has a bad owner');
  if (!isInstant(v.created_at) || !isInstant(v.updated_at)) throw new Damaged('a view has a bad time');
  return { id: v.id, name: v.name, query: v.query, shared: v.shared, owner: v.owner, created_at: v.created_at, updated_at: v.updated_at };
}

/** The views of a file's text; throws Damaged with a one-line reason. */
export function parseViewsFile(text: string): StoredView[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Damaged('not valid JSON (truncated or damaged)');
  }
  const file = json as { format?: unknown; views?: unknown } | null;
  if (file === null || typeof file !== 'object' || file.format !== VIEWS_FORMAT) throw new Damaged('unknown format');
  if (!Array.isArray(file.views)) throw new Damaged('no views list');
  const views = file.views.map(parseView);
  if (new Set(views.map((v) => v.id)).size !== views.length) throw new Damaged('two views share an id');
  return views;
}

export function serializeViews(views: readonly StoredView[]): string {
  return `${JSON.stringify({ format: VIEWS_FORMAT, views }, null, 1)}\n`;
}

/** Where the views are kept: a file in DATA_DIR, or nothing (without DATA_DIR, views live in memory). */
export interface ViewsPersistence {
  load(): Promise<StoredView[]>;
  save(views: readonly StoredView[]): Promise<void>;
}

export const inMemoryOnly: ViewsPersistence = {
  load: async () => [],
  save: async () => undefined,
};

export class ViewsFile implements ViewsPersistence {
  /** Set when a damaged file could not be moved aside: saving would overwrite it, so saving is refused. */
  private blocked = false;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  private get file(): string {
    return path.join(this.dir, VIEWS_FILE);
  }

  async load(): Promise<StoredView[]> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const removed = await removeLeftoverTempFiles(this.dir, [VIEWS_FILE]);
      if (removed > 0) this.log.info({ removed }, 'removed unfinished views writes');
    } catch (error) {
      this.log.error({ code: errorCode(error) }, 'DATA_DIR is not usable; saving a view will fail');
      return [];
    }
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      this.blocked = true;
      this.log.error(
        { file: VIEWS_FILE, code: errorCode(error) },
        'saved views could not be read; starting without them and refusing to save over them',
      );
      return [];
    }
    try {
      const views = parseViewsFile(text);
      this.log.info({ views: views.length }, 'saved views loaded');
      return views;
    } catch (error) {
      if (!(error instanceof Damaged)) throw error;
      await this.setAside(error.message);
      return [];
    }
  }

  async save(views: readonly StoredView[]): Promise<void> {
    if (this.blocked) throw new Error(`${VIEWS_FILE} is damaged and could not be moved aside; not overwriting it`);
    await writeFileAtomic(this.file, [serializeViews(views)]);
  }

  private async setAside(reason: string): Promise<void> {
    const asideName = `${VIEWS_FILE}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.file, path.join(this.dir, asideName));
      this.log.warn({ file: VIEWS_FILE, reason, moved_to: asideName }, 'saved views set aside');
    } catch (error) {
      this.blocked = true;
      this.log.error(
        { file: VIEWS_FILE, reason, code: errorCode(error) },
        'saved views damaged and could not be moved aside; refusing to save over them',
      );
    }
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}
