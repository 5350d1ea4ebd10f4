// What requests are told about the data held (`meta` of every answer, /api/status): when it was synced and
// whether it is stale — past its refresh interval, or the last sync failed (docs/api.md §2).
import type { DataMeta } from '../../shared/api-types';
import type { UpstreamError } from '../upstream/upstream-error';
import type { Clock } from './quota-budget';

export class DataFreshness {
  private at: number | null = null;
  /** synced_at as ISO text, made once per sync (meta is read on every request). */
  private atText: string | null = null;
  private error: UpstreamError | null = null;

  constructor(
    private readonly now: Clock,
    private readonly refreshIntervalMs: () => number,
  ) {}

  /** Epoch ms of the sync that fetched the data held; null before any data. */
  get syncedAt(): number | null {
    return this.at;
  }

  /** The last sync's failure; null once one succeeds. */
  get lastError(): UpstreamError | null {
    return this.error;
  }

  /** The data held now is from a sync (or a saved one) at `at`; a successful sync also clears the last failure. */
  synced(at: number, { succeeded }: { succeeded: boolean }): void {
    this.at = at;
    this.atText = new Date(at).toISOString();
    if (succeeded) this.error = null;
  }

  failed(error: UpstreamError): void {
    this.error = error;
  }

  meta(): DataMeta {
    return { synced_at: this.atText, stale: this.isStale() };
  }

  private isStale(): boolean {
    if (this.error !== null) return true;
    return this.at !== null && this.now() - this.at > this.refreshIntervalMs();
  }
}
