// `npm run user:add -- <name> [--file <path>] [--assigned-to <owner id>]`: adds a user to AUTH_USERS_FILE
// (or --file), or replaces their password. `--assigned-to` also stores the user's owner id in Rotor, what
// `(me)` stands for (docs/api.md §2); `--assigned-to ''` removes it; without the option it is kept. The password comes from stdin when piped (first line), or is prompted for
// twice without echo on a terminal. The file is rewritten atomically with mode 0600; only the scrypt
// hash is stored. A running server picks the change up within a second.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from './password';
import { writeFileAtomic } from '../persistence/atomic-file';
import {
  isValidOwnerId,
  readUsersDocumentSync,
  serializeUsers,
  USERNAME_PATTERN,
  UsersFileError,
  type OwnerIds,
  type Users,
} from './users-file';

const MIN_PASSWORD_LENGTH = 8;

class UsageError extends Error {}

interface Args {
  username: string;
  file: string;
  /** undefined: keep what the file says; '': remove it. */
  assignedTo: string | undefined;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
  let file = env.AUTH_USERS_FILE?.trim() || undefined;
  let assignedTo: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--file') file = argv[++i];
    else if (arg.startsWith('--file=')) file = arg.slice('--file='.length);
    else if (arg === '--assigned-to') {
      if (i + 1 >= argv.length) throw new UsageError("--assigned-to needs an owner id (or '' to remove it)");
      assignedTo = argv[++i]!.trim();
    } else if (arg.startsWith('--assigned-to=')) assignedTo = arg.slice('--assigned-to='.length).trim();
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else names.push(arg);
  }
  if (names.length !== 1) throw new UsageError('give exactly one user name: npm run user:add -- <name>');
  const username = names[0]!;
  if (!USERNAME_PATTERN.test(username)) throw new UsageError('a user name is 1–64 letters, digits and . _ @ + - (an email address works)');
  if (!file) throw new UsageError('set AUTH_USERS_FILE (or pass --file <path>) to say which users file to write');
  if (assignedTo !== undefined && assignedTo !== '' && !isValidOwnerId(assignedTo))
    throw new UsageError('an owner id is at most 200 characters, without commas, and not (me) or (none)');
  return { username, file: path.resolve(file), assignedTo };
}

async function readPipedPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (input: string) => {
      for (const char of input) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPipedPassword();
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

async function addUser({ file, username, assignedTo }: Args, password: string): Promise<'added' | 'replaced'> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  let users: Users = new Map();
  let ownerIds: OwnerIds = new Map();
  if (existsSync(file)) {
    try {
      ({ users, ownerIds } = readUsersDocumentSync(file));
    } catch (error) {
      // Never overwrite a file we cannot read: it may hold users we would drop.
      if (error instanceof UsersFileError) throw new UsageError(`${file} ${error.message}; fix or move it first`);
      throw error;
    }
  }
  const existed = users.has(username);
  users.set(username, await hashPassword(password));
  if (assignedTo === '') ownerIds.delete(username);
  else if (assignedTo !== undefined) ownerIds.set(username, assignedTo);
  await writeFileAtomic(file, [serializeUsers(users, ownerIds)]);
  return existed ? 'replaced' : 'added';
}

async function main(): Promise<void> {
  try {
    const args = parseArgs(process.argv.slice(2), process.env);
    const { username, file } = args;
    const password = await readPassword();
    const outcome = await addUser(args, password);
    const owner = args.assignedTo === undefined ? '' : args.assignedTo === '' ? ' (owner id removed)' : ` (owner id ${args.assignedTo})`;
    console.log((outcome === 'added' ? `Added user ${username} to ${file}` : `Replaced the password of ${username} in ${file}`) + owner);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`user:add: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

await main();
