// The repo's docs stand alone: every relative link in README.md and docs/*.md reaches a file of the repo, and
// every `#anchor` a heading of its target (as GitHub names headings), so moving a section between files cannot
// leave a dead link behind; and nothing points outside the repo at the design notes it was built from.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const docs = [
  'README.md',
  ...readdirSync(join(projectRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** GitHub's heading id: lower case, punctuation dropped (letters, digits, `_`, `-` and spaces kept), spaces → `-`. */
function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6} (.*)$/.exec(line);
    if (heading === null) continue;
    const slug = headingSlug(heading[1] as string);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Markdown links `[text](target)` outside code spans and fences, with their line numbers. */
function linksOf(text: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  let inFence = false;
  text.split('\n').forEach((line, index) => {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) return;
    const outsideCode = line.replace(/`[^`]*`/g, '');
    for (const match of outsideCode.matchAll(/\]\(([^)\s]+)\)/g)) links.push({ target: match[1] as string, line: index + 1 });
  });
  return links;
}

describe('the docs', () => {
  it('slugs headings as GitHub does', () => {
    expect(headingSlug('Issues 11 and 14 on main after `proxy5` (2026-12-02 01:45, quiet machine)')).toBe(
      'issues-11-and-14-on-main-after-proxy5-2026-12-02-0145-quiet-machine',
    );
    expect(headingSlug('Re-sync after branch resync5 (2026-12-02 00:00–00:50, loaded machine)')).toBe(
      're-sync-after-branch-resync5-2026-12-02-00000050-loaded-machine',
    );
  });

  it.each(docs)('%s: every relative link reaches a file and heading of the repo', (doc) => {
    const text = readFileSync(join(projectRoot, doc), 'utf8');
    const dead: string[] = [];
    for (const { target, line } of linksOf(text)) {
      if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(projectRoot, doc) : join(projectRoot, dirname(doc), decodeURIComponent(path));
      if (!existsSync(file)) {
        dead.push(`${doc}:${line} → ${target} (no file ${relative(projectRoot, file)})`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor))) {
        dead.push(`${doc}:${line} → ${target} (no such heading)`);
      }
    }
    expect(dead).toEqual([]);
  });

  it.each(docs)('%s: points at nothing outside the repo', (doc) => {
    const text = readFileSync(join(projectRoot, doc), 'utf8');
    expect(text).not.toMatch(/\.\.\/shared|\/work\/shared/);
  });
});
