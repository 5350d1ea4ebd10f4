// DATA_DIR/preferences.json: each signed-in rep's preferences, one JSON document replaced atomically on
// every change (the same writer as views.json):
//   { "format": "rotor-dashboard/preferences@1", "users": { "<username>": { "default_view": { view_id, query } | null } } }
// Reading is strict, as for views.json: a file that is not exactly this is renamed
// `preferences.json.corrupt-<time>` with one log line — never overwritten — and the server starts without it.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { VIEW_ID_PATTERN, type DefaultViewPreference, type Preferences } from '../../shared/preferences';
import { removeLeftoverTempFiles, writeFileAtomic } from '../persistence/atomic-file';

export const PREFERENCES_FILE = 'preferences.json';
const PREFERENCES_FORMAT = 'rotor-dashboard/preferences@1';

export type PreferencesByUser = Map<string, Preferences>;

interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

class Damaged extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseDefaultView(value: unknown): DefaultViewPreference | null {
  if (value === null) return null;
  if (!isObject(value) || typeof value.query !== 'string') throw new Damaged('a default view is not { view_id, query }');
  const viewId = value.view_id;
  if (viewId !== null && (typeof viewId !== 'string' || !VIEW_ID_PATTERN.test(viewId)))
    throw new Damaged('a default view has a bad view_id');
  return { view_id: viewId, query: value.query };
}

/** The preferences of a file's text; throws Damaged with a one-line reason. */
export function parsePreferencesFile(text: string): PreferencesByUser {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Damaged('not valid JSON (truncated or damaged)');
  }
  if (!isObject(json) || json.format !== PREFERENCES_FORMAT) throw new Damaged('unknown format');
  if (!isObject(json.users)) throw new Damaged('no users object');
  const byUser: PreferencesByUser = new Map();
  for (const [user, entry] of Object.entries(json.users)) {
    if (!isObject(entry)) throw new Damaged('a user’s preferences are not an object');
    byUser.set(user, { default_view: parseDefaultView(entry.default_view ?? null) });
  }
  return byUser;
}

export function serializePreferences(byUser: PreferencesByUser): string {
  return `${JSON.stringify({ format: PREFERENCES_FORMAT, users: Object.fromEntries(byUser) }, null, 1)}\n`;
}

/** Where preferences are kept: a file in DATA_DIR, or nothing (without DATA_DIR they live in memory). */
export interface PreferencesPersistence {
  load(): Promise<PreferencesByUser>;
  save(byUser: PreferencesByUser): Promise<void>;
}

export const preferencesInMemoryOnly: PreferencesPersistence = {
  load: async () => new Map(),
  save: async () => undefined,
};

export class PreferencesFile implements PreferencesPersistence {
  /** Set when a damaged file could not be moved aside: saving would overwrite it, so saving is refused. */
  private blocked = false;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  private get file(): string {
    return path.join(this.dir, PREFERENCES_FILE);
  }

  async load(): Promise<PreferencesByUser> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const removed = await removeLeftoverTempFiles(this.dir, [PREFERENCES_FILE]);
      if (removed > 0) this.log.info({ removed }, 'removed unfinished preferences writes');
    } catch (error) {
      this.log.error({ code: errorCode(error) }, 'DATA_DIR is not usable; saving a preference will fail');
      return new Map();
    }
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return new Map();
      this.blocked = true;
      this.log.error({ file: PREFERENCES_FILE, code: errorCode(error) }, 'preferences could not be read; refusing to save over them');
      return new Map();
    }
    try {
      const byUser = parsePreferencesFile(text);
      this.log.info({ users: byUser.size }, 'preferences loaded');
      return byUser;
    } catch (error) {
      if (!(error instanceof Damaged)) throw error;
      await this.setAside(error.message);
      return new Map();
    }
  }

  async save(byUser: PreferencesByUser): Promise<void> {
    if (this.blocked) throw new Error(`${PREFERENCES_FILE} is damaged and could not be moved aside; not overwriting it`);
    await writeFileAtomic(this.file, [serializePreferences(byUser)]);
  }

  private async setAside(reason: string): Promise<void> {
    const asideName = `${PREFERENCES_FILE}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.file, path.join(this.dir, asideName));
      this.log.warn({ file: PREFERENCES_FILE, reason, moved_to: asideName }, 'preferences set aside');
    } catch (error) {
      this.blocked = true;
      this.log.error(
        { file: PREFERENCES_FILE, reason, code: errorCode(error) },
        'preferences damaged and could not be moved aside; refusing to save over them',
      );
    }
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}
