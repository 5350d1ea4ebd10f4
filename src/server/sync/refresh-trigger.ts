// When the LeadStore starts a sync or a poll on its own: on each request with data held (stale-while-
// revalidate, `revalidateIfDue`) and by one timer set for the earlier of the next planned sync and poll.
// The plans come from the SyncSchedule (memoised there: every request asks); what runs them is the store's.
import type { PollPlan } from './poll-policy';
import type { CallKind, Clock } from './quota-budget';
import type { RefreshPlan } from './refresh-policy';
import type { SyncSchedule } from './sync-schedule';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the trigger reads of the store and asks it to do. */
export interface RefreshTarget {
  hasData(): boolean;
  /** A sync or poll is in flight (nothing else starts meanwhile). */
  busy(): boolean;
  closed(): boolean;
  startSync(kind: CallKind): void;
  startPoll(): void;
}

export class RefreshTrigger {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly schedule: SyncSchedule,
    private readonly now: Clock,
    private readonly target: RefreshTarget,
  ) {}

  /** The next automatic sync (none once closed). */
  plan(): RefreshPlan {
    const plan = this.schedule.refreshPlan(this.target.hasData());
    return this.target.closed() ? { ...plan, at: null } : plan;
  }

  /** The next poll of the newest page (none once closed). */
  pollPlan(): PollPlan {
    return this.target.closed() ? { at: null, intervalMs: null } : this.schedule.pollPlan(this.target.hasData());
  }

  /** Starts the sync, else the poll, that is due now, unless one is in flight. */
  revalidateIfDue(): void {
    if (this.target.busy() || this.target.closed()) return;
    const plan = this.plan();
    if (plan.at !== null && this.now() >= plan.at) {
      const boot = !this.target.hasData() && this.schedule.lastSyncStartedAt === null;
      this.target.startSync(boot ? 'foreground' : plan.kind);
    } else {
      const poll = this.pollPlan().at;
      if (poll !== null && this.now() >= poll) this.target.startPoll();
    }
  }

  /** Sets the timer for the earlier of the next planned sync and poll (at least a second away). */
  scheduleNext(): void {
    this.stop();
    const times = [this.plan().at, this.pollPlan().at].filter((at): at is number => at !== null);
    if (times.length === 0) return;
    const next = Math.min(...times);
    const delay = Math.min(MAX_TIMER_MS, Math.max(1_000, next - this.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.revalidateIfDue();
      if (!this.target.busy()) this.scheduleNext();
    }, delay);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
