// What survives a restart, in DATA_DIR: the last index snapshot (the raw leads, when they were
// synced, what a sync costs) and the day's upstream call count. Both are written atomically and
// stamped with the identity of their source, so data from another upstream or another key (another
// company) is never served. A file that can't be read back whole — truncated, corrupt, foreign, an
// unknown format — is renamed `*.corrupt-<time>` with one log line and the server starts without it.
// The API key itself is never written: only a one-way fingerprint of it is part of the identity.
import { createHash } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Lead } from '../../shared/lead';
import type { ResolvedUpstream } from '../upstream/resolve-upstream';
import type { Clock, QuotaState } from '../sync/quota-budget';
import { TimeSlice } from '../runtime/time-slice';
import { isPlainObject, sanitizeLead } from '../upstream/sanitize-lead';
import { makePrivateDirectory, removeLeftoverTempFiles, writeFileAtomic } from './atomic-file';
import { LatestWinsWriter } from './latest-wins-writer';
import { readSnapshotLines } from './snapshot-lines';

export const SNAPSHOT_FILE = 'leads-snapshot.json';
export const QUOTA_FILE = 'quota.json';
const SNAPSHOT_FORMAT = 'rotor-dashboard/leads-snapshot@1';
const QUOTA_FORMAT = 'rotor-dashboard/quota@1';
/** Leads serialised per write: small enough that no chunk holds the event loop for long. */
const LEADS_PER_CHUNK = 500;
/** Between two leads of the snapshot's array. */
const SEPARATOR = Buffer.from(',\n', 'utf8');

/** The data a LeadStore holds, as saved and restored. */
export interface HeldLeads {
  leads: readonly Lead[];
  /** Epoch ms of the sync that fetched them. */
  syncedAt: number;
  /** Upstream calls that sync took (the next one's expected cost). */
  pagesPerSync: number;
}

/** Leads as JSON texts, one per position (a LeadIndex is one): saved without re-serialising objects. */
export interface JsonLeadList {
  readonly size: number;
  leadJsonAt(i: number): string;
  /** The same text as UTF-8 bytes when held that way (a compacted index), else null. */
  leadBytesAt?(i: number): Uint8Array | null;
}

/** What a save takes: the leads as objects, or as JSON texts. */
export type LeadsToSave = Omit<HeldLeads, 'leads'> & ({ leads: readonly Lead[] } | { leadTexts: JsonLeadList });

interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Who the data belongs to. The embedded demo listens on a new port each start, so it is identified
 * by its data set; Rotor by base URL and key (a different key may be a different company).
 */
export function sourceIdentity(upstream: ResolvedUpstream, demoLeadCount: number | undefined): string {
  const material =
    upstream.source === 'demo'
      ? `demo\0${demoLeadCount ?? 'default'}`
      : `rotor\0${new URL(upstream.url).href.replace(/\/+$/, '')}\0${upstream.apiKey}`;
  return createHash('sha256').update('rotor-dashboard source v1\0').update(material).digest('hex');
}

class CorruptFile extends Error {}

export interface SnapshotStoreOptions {
  dir: string;
  /** From sourceIdentity(). */
  source: string;
  log: Logger;
  now?: Clock;
}

export class SnapshotStore {
  private readonly now: Clock;
  private readonly leadsWriter: LatestWinsWriter<LeadsToSave>;
  private readonly quotaWriter: LatestWinsWriter<QuotaState>;
  /** syncedAt of the leads last written (or loaded): a shutdown doesn't rewrite what is on disk. */
  private savedSyncedAt: number | null = null;
  private disabled = false;
  /** Files whose last write failed: logged once, not on every upstream call, until a write works again. */
  private readonly failing = new Set<string>();

  constructor(private readonly options: SnapshotStoreOptions) {
    this.now = options.now ?? Date.now;
    this.leadsWriter = new LatestWinsWriter(
      (held) => this.writeLeads(held),
      (error) => this.logWriteFailure(SNAPSHOT_FILE, error),
    );
    this.quotaWriter = new LatestWinsWriter(
      (state) => this.writeQuota(state),
      (error) => this.logWriteFailure(QUOTA_FILE, error),
    );
  }

  private file(name: string): string {
    return path.join(this.options.dir, name);
  }

  /** Creates DATA_DIR and clears temp files a crash left. False (logged) when the dir is unusable. */
  async prepare(): Promise<boolean> {
    try {
      await makePrivateDirectory(this.options.dir, this.options.log);
      const removed = await removeLeftoverTempFiles(this.options.dir, [SNAPSHOT_FILE, QUOTA_FILE]);
      if (removed > 0) this.options.log.info({ removed }, 'removed unfinished snapshot writes');
      return true;
    } catch (error) {
      this.disabled = true;
      this.options.log.error({ code: errorCode(error) }, 'DATA_DIR is not usable; running without saved data');
      return false;
    }
  }

  /** Line by line between pauses of the event loop; a file in another layout is parsed whole, as before. */
  async loadLeads(): Promise<HeldLeads | null> {
    const byLine = await this.loadLeadsByLine();
    const held = byLine !== undefined ? byLine : await this.load(SNAPSHOT_FILE, (parsed) => this.parseLeads(parsed));
    if (held !== null) this.savedSyncedAt = held.syncedAt;
    return held;
  }

  async loadQuota(): Promise<QuotaState | null> {
    return this.load(QUOTA_FILE, (parsed) => this.parseQuota(parsed));
  }

  /** After each successful sync. Returns at once; the write runs in the background. */
  saveLeads(held: LeadsToSave): void {
    if (this.disabled) return;
    this.leadsWriter.schedule(held);
  }

  /** After each upstream call (and a 429 block). Coalesced: a burst of calls costs few writes. */
  saveQuota(state: QuotaState): void {
    if (this.disabled) return;
    this.quotaWriter.schedule(state);
  }

  /** On shutdown: waits for writes in progress and saves what isn't on disk yet. */
  async flush(held: LeadsToSave | null, quota: QuotaState): Promise<void> {
    if (this.disabled) return;
    this.quotaWriter.schedule(quota);
    await this.leadsWriter.idle();
    if (held !== null && held.syncedAt !== this.savedSyncedAt) this.leadsWriter.schedule(held);
    await Promise.all([this.leadsWriter.idle(), this.quotaWriter.idle()]);
  }

  private async load<T>(name: string, parse: (parsed: unknown) => T): Promise<T | null> {
    if (this.disabled) return null;
    let text: string;
    try {
      text = await readFile(this.file(name), 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      this.options.log.warn({ file: name, code: errorCode(error) }, 'saved data could not be read; starting without it');
      return null;
    }
    try {
      return parse(JSON.parse(text));
    } catch (error) {
      const reason = error instanceof CorruptFile ? error.message : 'not valid JSON (truncated or damaged)';
      await this.setAside(name, reason);
      return null;
    }
  }

  /** undefined: not readable line by line (missing, unreadable, another layout): the whole-file path decides. */
  private async loadLeadsByLine(): Promise<HeldLeads | null | undefined> {
    if (this.disabled) return null;
    const leads: unknown[] = [];
    // Sanitised as read, so no 100k-lead pass runs in one go afterwards; a non-object stays as it is
    // for parseLeads to refuse.
    const eachLead = (lead: unknown) => leads.push(isPlainObject(lead) ? sanitizeLead(lead) : lead);
    let lines;
    try {
      lines = await readSnapshotLines(this.file(SNAPSHOT_FILE), eachLead, new TimeSlice());
    } catch {
      return undefined;
    }
    if (lines === null) return undefined;
    try {
      return this.parseLeads({ ...lines.header, leads }, true);
    } catch (error) {
      await this.setAside(SNAPSHOT_FILE, error instanceof CorruptFile ? error.message : 'not valid JSON (truncated or damaged)');
      return null;
    }
  }

  private async setAside(name: string, reason: string): Promise<void> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const asideName = `${name}.corrupt-${stamp}`;
    try {
      await rename(this.file(name), this.file(asideName));
      this.options.log.warn({ file: name, reason, moved_to: asideName }, 'saved data set aside');
    } catch (error) {
      this.options.log.warn({ file: name, reason, code: errorCode(error) }, 'saved data ignored (could not be moved aside)');
    }
  }

  private checkHeader(parsed: unknown, format: string): Record<string, unknown> {
    if (!isPlainObject(parsed) || parsed.format !== format) throw new CorruptFile('unknown format');
    if (parsed.source !== this.options.source) throw new CorruptFile('foreign: written for another upstream or key');
    return parsed;
  }

  private parseLeads(parsed: unknown, sanitized = false): HeldLeads {
    const file = this.checkHeader(parsed, SNAPSHOT_FORMAT);
    const syncedAt = typeof file.synced_at === 'string' ? Date.parse(file.synced_at) : NaN;
    if (!Number.isFinite(syncedAt)) throw new CorruptFile('bad synced_at');
    if (!isCount(file.pages_per_sync) || file.pages_per_sync < 1) throw new CorruptFile('bad pages_per_sync');
    const { leads } = file;
    if (!Array.isArray(leads) || leads.length !== file.lead_count) throw new CorruptFile('lead count does not match');
    if (!leads.every(isPlainObject)) throw new CorruptFile('a lead is not an object');
    return {
      leads: sanitized ? leads : leads.map(sanitizeLead),
      // A clock that went backwards must not make old data look fresh for longer.
      syncedAt: Math.min(syncedAt, this.now()),
      pagesPerSync: file.pages_per_sync,
    };
  }

  private parseQuota(parsed: unknown): QuotaState {
    const file = this.checkHeader(parsed, QUOTA_FORMAT);
    const { day, used, background_used: backgroundUsed, blocked_until: blockedUntil } = file;
    if (!isCount(day) || !isCount(used) || !isCount(backgroundUsed) || !isCount(blockedUntil)) throw new CorruptFile('bad counts');
    return { day, used, backgroundUsed, blockedUntil };
  }

  private async writeLeads(held: LeadsToSave): Promise<void> {
    const started = performance.now();
    await writeFileAtomic(this.file(SNAPSHOT_FILE), snapshotChunks(held, this.options.source));
    this.savedSyncedAt = held.syncedAt;
    this.writeWorked(SNAPSHOT_FILE);
    this.options.log.info({ leads: leadCount(held), ms: Math.round(performance.now() - started) }, 'snapshot saved');
  }

  private async writeQuota(state: QuotaState): Promise<void> {
    const body = {
      format: QUOTA_FORMAT,
      source: this.options.source,
      day: state.day,
      used: state.used,
      background_used: state.backgroundUsed,
      blocked_until: state.blockedUntil,
    };
    await writeFileAtomic(this.file(QUOTA_FILE), [JSON.stringify(body) + '\n']);
    this.writeWorked(QUOTA_FILE);
  }

  private writeWorked(name: string): void {
    if (this.failing.delete(name)) this.options.log.info({ file: name }, 'saving data works again');
  }

  private logWriteFailure(name: string, error: unknown): void {
    if (this.failing.has(name)) return;
    this.failing.add(name);
    this.options.log.error({ file: name, code: errorCode(error) }, 'saving data failed; it is kept in memory');
  }
}

/**
 * One JSON document, produced a chunk of leads at a time so serialising 100k leads never holds the
 * event loop for long (each chunk is written, and awaited, before the next is built).
 */
function* snapshotChunks(held: LeadsToSave, source: string): Generator<string | Uint8Array> {
  const count = leadCount(held);
  const header = {
    format: SNAPSHOT_FORMAT,
    source,
    synced_at: new Date(held.syncedAt).toISOString(),
    pages_per_sync: held.pagesPerSync,
    lead_count: count,
  };
  yield JSON.stringify(header).slice(0, -1) + ',"leads":[\n';
  const leadJson = 'leadTexts' in held ? (i: number) => held.leadTexts.leadJsonAt(i) : (i: number) => JSON.stringify(held.leads[i]);
  const leadBytes = 'leadTexts' in held ? held.leadTexts.leadBytesAt?.bind(held.leadTexts) : undefined;
  for (let start = 0; start < count; start += LEADS_PER_CHUNK) {
    const end = Math.min(count, start + LEADS_PER_CHUNK);
    if (leadBytes?.(start) != null) {
      // A compacted index holds the texts as UTF-8 already: copied as bytes, not decoded and encoded again.
      const parts: Uint8Array[] = [];
      for (let i = start; i < end; i++) {
        if (i > 0) parts.push(SEPARATOR);
        parts.push(leadBytes(i) ?? Buffer.from(leadJson(i), 'utf8'));
      }
      yield Buffer.concat(parts);
      continue;
    }
    const parts: string[] = [];
    for (let i = start; i < end; i++) parts.push(leadJson(i));
    yield (start === 0 ? '' : ',\n') + parts.join(',\n');
  }
  yield '\n]}\n';
}

const leadCount = (held: LeadsToSave): number => ('leadTexts' in held ? held.leadTexts.size : held.leads.length);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}
