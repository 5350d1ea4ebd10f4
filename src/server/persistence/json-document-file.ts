// One JSON document in DATA_DIR replaced atomically on every change (views.json, preferences.json). Reading is
// strict: a file that does not parse as its format (truncated, hand-broken, another format) is renamed
// `<file>.corrupt-<time>` with one log line — never overwritten or deleted, since it may hold a team's work
// someone wants back — and the server starts without it. If it cannot be moved aside, saving is refused.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { removeLeftoverTempFiles, writeFileAtomic } from './atomic-file';

export interface DocumentLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Thrown by a format's parser with a one-line reason: the file is set aside, not trusted. */
export class DamagedDocument extends Error {}

/** Where a document is kept: a file in DATA_DIR, or nothing (without DATA_DIR it lives in memory). */
export interface DocumentPersistence<T> {
  load(): Promise<T>;
  save(document: T): Promise<void>;
}

/** JSON.parse, a failure being a damaged document. */
export function parseJsonDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DamagedDocument('not valid JSON (truncated or damaged)');
  }
}

export interface DocumentFormat<T> {
  fileName: string;
  /** What the log lines call the contents, e.g. "saved views". */
  contents: string;
  /** What saving one is called in the "DATA_DIR is not usable" line, e.g. "a view". */
  item: string;
  empty(): T;
  /** The document of a file's text; throws DamagedDocument with a one-line reason. */
  parse(text: string): T;
  serialize(document: T): string;
  /** Fields for the "loaded" log line, e.g. { views: 3 }. */
  describe(document: T): object;
}

export function inMemoryDocument<T>(format: Pick<DocumentFormat<T>, 'empty'>): DocumentPersistence<T> {
  return { load: async () => format.empty(), save: async () => undefined };
}

export class JsonDocumentFile<T> implements DocumentPersistence<T> {
  /** Set when a damaged file could not be moved aside: saving would overwrite it, so saving is refused. */
  private blocked = false;

  constructor(
    private readonly format: DocumentFormat<T>,
    private readonly dir: string,
    private readonly log: DocumentLogger,
    private readonly now: () => number,
  ) {}

  private get file(): string {
    return path.join(this.dir, this.format.fileName);
  }

  async load(): Promise<T> {
    const { fileName, contents, item } = this.format;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const removed = await removeLeftoverTempFiles(this.dir, [fileName]);
      if (removed > 0) this.log.info({ removed }, `removed unfinished ${fileName} writes`);
    } catch (error) {
      this.log.error({ code: errorCode(error) }, `DATA_DIR is not usable; saving ${item} will fail`);
      return this.format.empty();
    }
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return this.format.empty();
      this.blocked = true;
      this.log.error(
        { file: fileName, code: errorCode(error) },
        `${contents} could not be read; starting without them and refusing to save over them`,
      );
      return this.format.empty();
    }
    try {
      const document = this.format.parse(text);
      this.log.info(this.format.describe(document), `${contents} loaded`);
      return document;
    } catch (error) {
      if (!(error instanceof DamagedDocument)) throw error;
      await this.setAside(error.message);
      return this.format.empty();
    }
  }

  async save(document: T): Promise<void> {
    const { fileName } = this.format;
    if (this.blocked) throw new Error(`${fileName} is damaged and could not be moved aside; not overwriting it`);
    await writeFileAtomic(this.file, [this.format.serialize(document)]);
  }

  private async setAside(reason: string): Promise<void> {
    const { fileName, contents } = this.format;
    const asideName = `${fileName}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.file, path.join(this.dir, asideName));
      this.log.warn({ file: fileName, reason, moved_to: asideName }, `${contents} set aside`);
    } catch (error) {
      this.blocked = true;
      this.log.error(
        { file: fileName, reason, code: errorCode(error) },
        `${contents} damaged and could not be moved aside; refusing to save over them`,
      );
    }
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}
