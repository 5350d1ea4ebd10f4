// The saved views held in memory and in DATA_DIR/views.json, with the rules of docs/api.md §2
// "Saved views": who sees and may change which view, unique names, the per-owner cap, built-ins fixed.
// Every change runs alone (a promise-chain mutex) and is on disk before it is applied in memory and
// answered: two reps saving at once never lose one of the two, and a failed write changes nothing.
import { randomBytes } from 'node:crypto';
import { BUILTIN_VIEWS, VIEW_LIMITS, type View } from '../../shared/views';
import { ApiError } from '../errors';
import type { StoredView, ViewsPersistence } from './views-file';

/** Who is asking. `user` is null without an auth mode; then every view is everyone's. */
export interface Caller {
  authMode: boolean;
  user: string | null;
}

export interface NewView {
  name: string;
  query: string;
  shared: boolean;
}

export type ViewChange = Partial<NewView>;

/** The menu's order for names (the same collator as sorting leads by a text field). */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** What "the same name" means: case-insensitive, after Unicode normalisation. */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const BUILTIN_IDS = new Set(BUILTIN_VIEWS.map((view) => view.id));

const toView = (stored: StoredView): View => ({ ...stored, builtin: false });

/**
 * Owner null (made without an auth mode, perhaps before one was turned on) is everyone's in every mode:
 * seen and changeable by any signed-in user.
 */
function canSee(view: StoredView, caller: Caller): boolean {
  return !caller.authMode || view.owner === null || view.owner === caller.user || view.shared;
}

function canChange(view: StoredView, caller: Caller): boolean {
  return !caller.authMode || view.owner === null || view.owner === caller.user;
}

const notFound = () => new ApiError(404, 'NOT_FOUND', 'No view has this id.');

export class ViewStore {
  private views: StoredView[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly persistence: ViewsPersistence,
    private readonly now: () => number,
  ) {}

  /** At boot, before the server listens. */
  async load(): Promise<void> {
    await this.serialised(async () => {
      this.views = await this.persistence.load();
    });
  }

  /** Built-ins first in their order, then the views the caller may see by name, then by age and id. */
  list(caller: Caller): View[] {
    const visible = this.views
      .filter((view) => canSee(view, caller))
      .sort((a, b) => collator.compare(a.name, b.name) || byCodeUnits(a.created_at, b.created_at) || byCodeUnits(a.id, b.id));
    return [...BUILTIN_VIEWS, ...visible.map(toView)];
  }

  create(caller: Caller, input: NewView): Promise<View> {
    return this.serialised(async () => {
      this.checkNameFree(caller, input.name, null);
      const owned = this.views.filter((view) => view.owner === caller.user).length;
      if (owned >= VIEW_LIMITS.viewsPerOwner)
        throw new ApiError(409, 'LIMIT_REACHED', `At most ${VIEW_LIMITS.viewsPerOwner} views per owner; delete one first.`);
      const at = new Date(this.now()).toISOString();
      const view: StoredView = {
        id: `v_${randomBytes(12).toString('base64url')}`,
        name: input.name,
        query: input.query,
        shared: input.shared,
        owner: caller.user,
        created_at: at,
        updated_at: at,
      };
      await this.commit([...this.views, view]);
      return toView(view);
    });
  }

  update(caller: Caller, id: string, change: ViewChange): Promise<View> {
    return this.serialised(async () => {
      const current = this.changeable(caller, id);
      // Keeping a name (or changing only its case) creates no new clash, even if another user's shared
      // view of that name appeared since: only a new name is checked.
      if (change.name !== undefined && nameKey(change.name) !== nameKey(current.name)) this.checkNameFree(caller, change.name, id);
      const updated: StoredView = { ...current, ...change, updated_at: new Date(this.now()).toISOString() };
      await this.commit(this.views.map((view) => (view.id === id ? updated : view)));
      return toView(updated);
    });
  }

  remove(caller: Caller, id: string): Promise<void> {
    return this.serialised(async () => {
      this.changeable(caller, id);
      await this.commit(this.views.filter((view) => view.id !== id));
    });
  }

  /** The view if the caller may change it; 403 for a built-in or another's shared view, 404 if unseen. */
  private changeable(caller: Caller, id: string): StoredView {
    if (BUILTIN_IDS.has(id)) throw new ApiError(403, 'FORBIDDEN', 'Built-in views cannot be changed.');
    const view = this.views.find((v) => v.id === id);
    // Another user's private view is not there for this caller: 404, so its existence is not revealed.
    if (view === undefined || !canSee(view, caller)) throw notFound();
    if (!canChange(view, caller)) throw new ApiError(403, 'FORBIDDEN', 'Only the owner of this view may change or delete it.');
    return view;
  }

  private checkNameFree(caller: Caller, name: string, exceptId: string | null): void {
    const key = nameKey(name);
    const taken = this.list(caller).some((view) => view.id !== exceptId && nameKey(view.name) === key);
    if (taken) throw new ApiError(409, 'CONFLICT', 'A view with this name already exists.');
  }

  /** On disk first: a failed write leaves memory as it was (and the request answers 500). */
  private async commit(next: StoredView[]): Promise<void> {
    await this.persistence.save(next);
    this.views = next;
  }

  /** Runs `operation` after every earlier one has finished, whatever their outcome. */
  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(operation, operation);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
