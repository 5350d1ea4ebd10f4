// `(me)` (docs/api.md §2 "(me)"): the substitution applied to a parsed assigned_to selection before the
// index, the `me` param, the users file's assigned_to (parsing, writing, `npm run user:add --assigned-to`).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUsersDocument, serializeUsers, UsersFileError } from '../../src/server/auth/users-file';
import { parseMeParam, resolveMe } from '../../src/server/views/me';
import { parseFacetList } from '../../src/shared/query-v2/facet-list';
import { canonicalViewQuery } from '../../src/shared/views';
import { tempDir } from './support/auth';

const dir = tempDir('views-me-');

/** assigned_to as the v2 schema parses it. */
function owners(raw: string) {
  const parsed = parseFacetList(raw, 'assigned_to');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('resolveMe', () => {
  it('replaces (me) by the caller’s owner id in its place, once', () => {
    expect(resolveMe(owners('(me)'), 'u_alex')).toEqual({ selection: { values: ['u_alex'], none: false }, matchesNothing: false });
    expect(resolveMe(owners('u_bob,(me),u_cy'), 'u_alex').selection.values).toEqual(['u_bob', 'u_alex', 'u_cy']);
    expect(resolveMe(owners('u_alex,(me)'), 'u_alex').selection.values).toEqual(['u_alex']);
    expect(resolveMe(owners('(me),u_alex,u_bob'), 'u_alex').selection.values).toEqual(['u_alex', 'u_bob']);
    expect(resolveMe(owners('(me),(none)'), 'u_alex').selection).toEqual({ values: ['u_alex'], none: true });
  });

  it('with no owner id known, (me) matches no lead: dropped, and alone it makes the filter match nothing', () => {
    expect(resolveMe(owners('(me)'), null)).toEqual({ selection: { values: [], none: false }, matchesNothing: true });
    expect(resolveMe(owners('(me),u_bob'), null)).toEqual({ selection: { values: ['u_bob'], none: false }, matchesNothing: false });
    expect(resolveMe(owners('(me),(none)'), null)).toEqual({ selection: { values: [], none: true }, matchesNothing: false });
  });

  it('leaves a selection without (me) as it is (the same object), including no filter at all', () => {
    const selection = owners('u_bob,(none)');
    expect(resolveMe(selection, 'u_alex').selection).toBe(selection);
    expect(resolveMe(owners(''), null)).toEqual({ selection: { values: [], none: false }, matchesNothing: false });
  });
});

describe('the me param', () => {
  it('is trimmed; absent or blank is unknown; a list, a token or an over-long value is a 400 naming me', () => {
    expect(parseMeParam({ me: ' u_alex ' })).toBe('u_alex');
    expect(parseMeParam(new URLSearchParams('me=u_alex'))).toBe('u_alex');
    expect(parseMeParam({})).toBeNull();
    expect(parseMeParam({ me: '  ' })).toBeNull();
    for (const raw of [{ me: 'a,b' }, { me: '(me)' }, { me: '(none)' }, { me: 'x'.repeat(201) }, { me: ['a', 'b'] }])
      expect(() => parseMeParam(raw)).toThrow(expect.objectContaining({ statusCode: 400, message: expect.stringMatching(/^me /) }));
  });
});

describe('canonicalViewQuery', () => {
  it('is idempotent, keeps (me) and lists as values, and reports the first bad param by name', () => {
    const once = canonicalViewQuery('tags=a,%20b&stage=Won&search=caf%C3%A9+au+lait&lead=x');
    expect(once).toEqual({ ok: true, query: 'search=caf%C3%A9%20au%20lait&stage=Won&tags=a,b' });
    if (once.ok) expect(canonicalViewQuery(once.query)).toEqual(once);
    expect(canonicalViewQuery('sort=-nope')).toEqual({
      ok: false,
      param: 'sort',
      message: expect.stringMatching(/^query: sort keys must be/),
    });
    expect(canonicalViewQuery('x'.repeat(2001))).toEqual({ ok: false, param: 'query', message: expect.any(String) });
  });
});

describe('assigned_to in the users file', () => {
  const HASH = '$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$' + 'A'.repeat(86);

  it('is read next to the users, written only for users that have one, and old files stay as they were', () => {
    const users = new Map([
      ['alice', HASH],
      ['bob', HASH],
    ]);
    const text = serializeUsers(
      users,
      new Map([
        ['alice', 'u_alex'],
        ['ghost', 'u_ghost'],
      ]),
    );
    expect(JSON.parse(text)).toEqual({ users: { alice: HASH, bob: HASH }, assigned_to: { alice: 'u_alex' } });
    expect(parseUsersDocument(text).ownerIds).toEqual(new Map([['alice', 'u_alex']]));
    expect(serializeUsers(users)).toBe(`${JSON.stringify({ users: { alice: HASH, bob: HASH } }, null, 2)}\n`);
    expect(parseUsersDocument(serializeUsers(users)).ownerIds.size).toBe(0);
  });

  it('a bad assigned_to makes the file unusable, like any other bad entry', () => {
    for (const assignedTo of [[], 'u_alex', { alice: 7 }, { alice: 'a,b' }, { alice: '' }, { alice: '(me)' }, { alice: ' padded' }])
      expect(() => parseUsersDocument(JSON.stringify({ users: { alice: HASH }, assigned_to: assignedTo }))).toThrow(UsersFileError);
  });

  it("npm run user:add -- alice --assigned-to u_alex stores it; a password change keeps it; '' removes it", () => {
    const file = path.join(dir, 'users.json');
    // npm once (the documented command), then the script it runs directly: each npm start costs seconds here.
    const run = (args: string[], password = 'long-enough-password', viaNpm = false) =>
      spawnSync(
        viaNpm ? 'npm' : 'node_modules/.bin/tsx',
        [...(viaNpm ? ['run', '--silent', 'user:add', '--'] : ['src/server/auth/user-add.ts']), ...args],
        {
          input: `${password}\n`,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, AUTH_USERS_FILE: file },
        },
      );
    const read = () => JSON.parse(readFileSync(file, 'utf8')) as { users: Record<string, string>; assigned_to?: Record<string, string> };

    expect(run(['alice', '--assigned-to', 'u_alex'], 'long-enough-password', true).status).toBe(0);
    expect(read().assigned_to).toEqual({ alice: 'u_alex' });
    expect(run(['bob', '--assigned-to=u_bob']).status).toBe(0);
    expect(run(['alice'], 'a-new-password').status).toBe(0);
    expect(read().assigned_to).toEqual({ alice: 'u_alex', bob: 'u_bob' });
    expect(run(['alice', '--assigned-to', '']).status).toBe(0);
    expect(read().assigned_to).toEqual({ bob: 'u_bob' });

    const refused = run(['carol', '--assigned-to', 'a,b']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^user:add: an owner id/);
    expect(Object.keys(read().users)).toEqual(['alice', 'bob']);
  }, 120_000);
});
