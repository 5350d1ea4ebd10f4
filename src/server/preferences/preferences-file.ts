// DATA_DIR/preferences.json: each signed-in rep's preferences, one JSON document like views.json
// (persistence/json-document-file.ts: atomic writes, a damaged file set aside, never overwritten):
//   { "format": "rotor-dashboard/preferences@1", "users": { "<username>": { "default_view": { view_id, query } | null } } }
import { VIEW_ID_PATTERN, type DefaultViewPreference, type Preferences } from '../../shared/preferences';
import {
  DamagedDocument as Damaged,
  inMemoryDocument,
  JsonDocumentFile,
  parseJsonDocument,
  type DocumentFormat,
  type DocumentLogger,
  type DocumentPersistence,
} from '../persistence/json-document-file';

export const PREFERENCES_FILE = 'preferences.json';
const PREFERENCES_FORMAT = 'rotor-dashboard/preferences@1';

export type PreferencesByUser = Map<string, Preferences>;

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
  const json = parseJsonDocument(text);
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

const preferencesDocument: DocumentFormat<PreferencesByUser> = {
  fileName: PREFERENCES_FILE,
  contents: 'preferences',
  item: 'a preference',
  empty: () => new Map(),
  parse: parsePreferencesFile,
  serialize: serializePreferences,
  describe: (byUser) => ({ users: byUser.size }),
};

/** Where preferences are kept: a file in DATA_DIR, or nothing (without DATA_DIR they live in memory). */
export type PreferencesPersistence = DocumentPersistence<PreferencesByUser>;

export const preferencesInMemoryOnly: PreferencesPersistence = inMemoryDocument(preferencesDocument);

export class PreferencesFile extends JsonDocumentFile<PreferencesByUser> {
  constructor(dir: string, log: DocumentLogger, now: () => number) {
    super(preferencesDocument, dir, log, now);
  }
}
