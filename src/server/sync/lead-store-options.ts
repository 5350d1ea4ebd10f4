// The LeadStore's options and tuning knobs (defaults are production's; tests shrink them).
import type { DataMeta } from '../../shared/api-types';
import type { LeadIndex } from '../lead-index/lead-index';
import type { LeadsToSave } from '../persistence/snapshot-store';
import type { LeadSource } from './fetch-pages';
import type { PollSetting } from './poll-policy';
import type { CallKind, Clock, QuotaBudget } from './quota-budget';

export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SyncTuning {
  /** Page size of a sync: upstream's maximum. */
  pageLimit: number;
  /** A sync never fetches more pages than this, whatever has_more says (an upstream that never ends). */
  maxPages: number;
  /** One sync never takes in more leads or response bytes than this (then it fails; old data stays). */
  maxLeadsPerSync: number;
  maxBytesPerSync: number;
  /** How long a request with no data yet waits for the first sync before a 504. */
  firstSyncWaitMs: number;
  /** A manual refresh within this time of the last sync start is refused (REFRESH_TOO_SOON). */
  minRefreshGapMs: number;
}

export const DEFAULT_SYNC_TUNING: SyncTuning = {
  pageLimit: 1000,
  maxPages: 1_100,
  maxLeadsPerSync: 1_000_000,
  maxBytesPerSync: 2 * 1024 ** 3,
  firstSyncWaitMs: 15_000,
  minRefreshGapMs: 30_000,
};

export interface LeadStoreOptions {
  source: LeadSource;
  budget: QuotaBudget;
  /** What /api/status reports as the data's origin. */
  origin: 'demo' | 'rotor';
  syncTtlMs: number;
  /** Polls of the newest page between full syncs (ROTOR_POLL_INTERVAL); absent: none. */
  pollSetting?: PollSetting;
  now?: Clock;
  /** Jitter of retries and post-midnight starts, in [0, 1). */
  random?: () => number;
  log: Logger;
  tuning?: Partial<SyncTuning>;
  /** Told after each successful sync, with what is now held (DATA_DIR saves it). */
  onSynced?: (held: LeadsToSave) => void;
  /** Told when a sync ends, whatever the outcome (the rotor_sync_duration_seconds metric). */
  onSyncEnded?: (outcome: { kind: CallKind; ok: boolean; seconds: number }) => void;
}

/** What a request reads: one consistent index and the freshness of that index. */
export interface IndexView {
  index: LeadIndex;
  meta: DataMeta;
}
