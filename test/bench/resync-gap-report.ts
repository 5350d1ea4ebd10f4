// Issue 14: what ran in each event-loop gap of a resync-profile.ts run. Reads the run's gaps.json (from
// resync-gap-probe.ts) and the server's .cpuprofile in the same directory, and prints for every gap its
// length, the process CPU across it, the GC pauses in it, and the profile's samples inside it by the
// function on top (self time) and by the innermost frame of our own code (src/).
// Run: npx tsx test/bench/resync-gap-report.ts [profile dir] [top N]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}
interface Gap {
  ms: number;
  cpuMs: number;
  endUs: number;
  /** Absent in resync-stalls.ts's gaps (STALLS_JSON), which this reads too: it has `step` instead. */
  endEpochMs?: number;
  gc?: { kind: string; ms: number }[];
  step?: string;
}

const dir = process.argv[2] ?? '/tmp/rprof';
const top = Number(process.argv[3] ?? 6);
// The main thread's profile is the one with the most of our server's frames (the watchdog worker writes one too).
const serverFrames = (name: string) => readFileSync(join(dir, name), 'utf8').split('/src/server/').length;
const profileFile = readdirSync(dir)
  .filter((name) => name.endsWith('.cpuprofile'))
  .sort((a, b) => serverFrames(b) - serverFrames(a))[0];
if (profileFile === undefined) throw new Error(`no .cpuprofile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as Profile;
const gaps = JSON.parse(readFileSync(join(dir, 'gaps.json'), 'utf8')) as Gap[];

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const shortUrl = (url: string) => url.replace(/^.*\/(src|node_modules)\//, '$1/');
const label = (frame: CallFrame) => `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
/** The innermost frame of a sample from our own source, else the top frame's label. */
function ownFrame(id: number): string {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (frame !== undefined && frame.url.includes('/src/')) return label(frame);
  }
  return label(byId.get(id)!.callFrame);
}

// Sample times on the profile's clock (µs).
const times: number[] = [];
let now = profile.startTime;
for (const delta of profile.timeDeltas) times.push((now += delta));

function tally(keys: string[]): string {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, n]) => `      ${n}  ${key}`)
    .join('\n');
}

console.log(`${gaps.length} gaps; profile ${profileFile}; sample interval ~${Math.round((times.at(-1)! - times[0]!) / times.length)} µs`);
for (const gap of [...gaps].sort((a, b) => b.ms - a.ms)) {
  const from = gap.endUs - gap.ms * 1000;
  const inside: number[] = [];
  for (let i = 0; i < times.length; i++) if (times[i]! >= from && times[i]! <= gap.endUs) inside.push(profile.samples[i]!);
  const gc = (gap.gc ?? []).map((g) => `${g.kind} ${g.ms}`).join(', ');
  const when = gap.endEpochMs === undefined ? `in ${gap.step}` : `ending ${new Date(gap.endEpochMs).toISOString()}`;
  console.log(`\n${gap.ms} ms gap (CPU ${gap.cpuMs} ms) ${when}; GC: ${gc || 'none'}; ${inside.length} samples`);
  console.log('   self:\n' + tally(inside.map((id) => label(byId.get(id)!.callFrame))));
  console.log('   own code:\n' + tally(inside.map(ownFrame)));
}
