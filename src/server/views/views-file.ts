// DATA_DIR/views.json: the saved views, one JSON document (persistence/json-document-file.ts: atomic writes,
// a damaged file set aside, never overwritten):
//   { "format": "rotor-dashboard/views@1", "views": [ { id, name, query, shared, owner, created_at, updated_at } ] }
import type { View } from '../../shared/views';
import {
  DamagedDocument as Damaged,
  inMemoryDocument,
  JsonDocumentFile,
  parseJsonDocument,
  type DocumentFormat,
  type DocumentLogger,
  type DocumentPersistence,
} from '../persistence/json-document-file';

export const VIEWS_FILE = 'views.json';
const VIEWS_FORMAT = 'rotor-dashboard/views@1';

/** A saved view as held and stored (`builtin` is always false for these, so it is not stored). */
export type StoredView = Omit<View, 'builtin'>;

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
  const file = parseJsonDocument(text) as { format?: unknown; views?: unknown } | null;
  if (file === null || typeof file !== 'object' || file.format !== VIEWS_FORMAT) throw new Damaged('unknown format');
  if (!Array.isArray(file.views)) throw new Damaged('no views list');
  const views = file.views.map(parseView);
  if (new Set(views.map((v) => v.id)).size !== views.length) throw new Damaged('two views share an id');
  return views;
}

export function serializeViews(views: readonly StoredView[]): string {
  return `${JSON.stringify({ format: VIEWS_FORMAT, views }, null, 1)}\n`;
}

const viewsDocument: DocumentFormat<StoredView[]> = {
  fileName: VIEWS_FILE,
  contents: 'saved views',
  item: 'a view',
  empty: () => [],
  parse: parseViewsFile,
  serialize: serializeViews,
  describe: (views) => ({ views: views.length }),
};

/** Where the views are kept: a file in DATA_DIR, or nothing (without DATA_DIR, views live in memory). */
export type ViewsPersistence = DocumentPersistence<StoredView[]>;

export const inMemoryOnly: ViewsPersistence = inMemoryDocument(viewsDocument);

export class ViewsFile extends JsonDocumentFile<StoredView[]> {
  constructor(dir: string, log: DocumentLogger, now: () => number) {
    super(viewsDocument, dir, log, now);
  }
}
