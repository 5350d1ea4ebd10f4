// AUTH_USERS_FILE: the dashboard's users and their scrypt password hashes, as JSON:
//   { "users": { "alice": "$scrypt$ln=15,r=8,p=1$…$…" }, "assigned_to": { "alice": "u_alex" } }
// `assigned_to` (optional) is each user's owner id in Rotor, what `(me)` stands for (docs/api.md §2).
// Written only by `npm run user:add` (atomically, mode 0600). The server re-reads it when it changes,
// so adding or removing a user needs no restart. It fails closed: while the file is gone or broken
// nobody is signed in (a removed file must not keep its users working), until it is readable again.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { stat, readFile } from 'node:fs/promises';
import { parseHash } from './password';

/** 1–64 letters, digits and `. _ @ + -` (an email address works). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@+-]{1,64}$/;

export type Users = Map<string, string>;
/** User name → owner id in Rotor (`assigned_to`), for the users that have one. */
export type OwnerIds = Map<string, string>;

/** An owner id as a filter value can hold it: not blank, no comma or token, ≤ 200 characters. */
export function isValidOwnerId(value: string): boolean {
  return value.trim() === value && value !== '' && value.length <= 200 && !value.includes(',') && !/^\((me|none)\)$/.test(value);
}

export class UsersFileError extends Error {
  override name = 'UsersFileError';
}

/** Parses the file's text; throws UsersFileError with a one-line reason (never a hash). */
export function parseUsersFile(text: string): Users {
  return parseUsersDocument(text).users;
}

/** The users and their owner ids; throws UsersFileError with a one-line reason (never a hash). */
export function parseUsersDocument(text: string): { users: Users; ownerIds: OwnerIds } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsersFileError('is not valid JSON');
  }
  const users = (json as { users?: unknown } | null)?.users;
  if (users === null || typeof users !== 'object' || Array.isArray(users))
    throw new UsersFileError('must be a JSON object with a "users" object');
  const result: Users = new Map();
  for (const [name, hash] of Object.entries(users)) {
    if (!USERNAME_PATTERN.test(name)) throw new UsersFileError(`has a bad user name (use ${USERNAME_PATTERN.source})`);
    if (typeof hash !== 'string' || parseHash(hash) === null)
      throw new UsersFileError(`has no valid scrypt hash for user "${name}" (set one with npm run user:add -- ${name})`);
    result.set(name, hash);
  }
  return { users: result, ownerIds: parseOwnerIds((json as { assigned_to?: unknown }).assigned_to) };
}

function parseOwnerIds(value: unknown): OwnerIds {
  const ownerIds: OwnerIds = new Map();
  if (value === undefined) return ownerIds;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsersFileError('has an "assigned_to" that is not an object of user name → owner id');
  for (const [name, id] of Object.entries(value)) {
    if (typeof id !== 'string' || !isValidOwnerId(id))
      throw new UsersFileError(`has a bad assigned_to for user "${name}" (an owner id: no comma, at most 200 characters)`);
    ownerIds.set(name, id);
  }
  return ownerIds;
}

export function serializeUsers(users: Users, ownerIds: OwnerIds = new Map()): string {
  const sorted = <T>(map: Map<string, T>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // Only for users that exist, and only when there is one: files without owner ids keep their old shape.
  const owners = new Map([...ownerIds].filter(([name]) => users.has(name)));
  const document = owners.size > 0 ? { users: sorted(users), assigned_to: sorted(owners) } : { users: sorted(users) };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function readUsersFileSync(file: string): Users {
  return readUsersDocumentSync(file).users;
}

export function readUsersDocumentSync(file: string): { users: Users; ownerIds: OwnerIds } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsersFileError(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`);
  }
  return parseUsersDocument(text);
}

/** A short tag of a user's current hash: a session minted before a password change no longer matches. */
export function credentialTag(hash: string): string {
  return createHash('sha256').update(hash).digest('base64url').slice(0, 12);
}

interface Logger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** The users, re-read when the file's mtime or size changes (checked at most once a second). */
export class UsersFile {
  private users: Users;
  private ownerIds: OwnerIds;
  private signature: string;
  private checkedAt = 0;
  private reloading: Promise<void> | null = null;
  /** False while the file is missing or unusable: then no user exists. */
  available = true;

  constructor(
    private readonly file: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    ({ users: this.users, ownerIds: this.ownerIds } = readUsersDocumentSync(file));
    this.signature = signatureOf(statSync(file));
    this.checkedAt = now();
  }

  async get(name: string): Promise<string | undefined> {
    if (this.now() - this.checkedAt >= 1000) {
      this.reloading ??= this.reloadIfChanged().finally(() => (this.reloading = null));
      await this.reloading;
    }
    return this.available ? this.users.get(name) : undefined;
  }

  /** The user's owner id (`assigned_to`), or null; read from the same, current version of the file. */
  async ownerIdOf(name: string): Promise<string | null> {
    if ((await this.get(name)) === undefined) return null;
    return this.ownerIds.get(name) ?? null;
  }

  private async reloadIfChanged(): Promise<void> {
    this.checkedAt = this.now();
    try {
      const signature = signatureOf(await stat(this.file));
      if (signature === this.signature) return;
      // Remembered first: a broken version is reported once, not on every check.
      this.signature = signature;
      ({ users: this.users, ownerIds: this.ownerIds } = parseUsersDocument(await readFile(this.file, 'utf8')));
      if (!this.available) this.log.warn({}, 'AUTH_USERS_FILE is readable again: sign-ins and sessions work again');
      this.available = true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        if (this.signature === 'missing') return;
        this.signature = 'missing';
      }
      this.users = new Map();
      this.available = false;
      const reason = error instanceof UsersFileError ? error.message : code === 'ENOENT' ? 'does not exist' : (code ?? 'unreadable');
      this.log.error({ reason }, 'AUTH_USERS_FILE cannot be used: refusing every sign-in and session until it is fixed');
    }
  }
}

function signatureOf(stats: { mtimeMs: number; size: number; ino: number }): string {
  return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
}
