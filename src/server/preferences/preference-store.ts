// Each signed-in rep's preferences, in memory and in DATA_DIR/preferences.json. As with the saved views
// (src/server/views/view-store.ts), every change runs alone and is on disk before it is applied in memory
// and answered: two reps saving at once never lose one of the two, and a failed write changes nothing.
import type { Preferences } from '../../shared/preferences';
import type { PreferencesByUser, PreferencesPersistence } from './preferences-file';

const NONE: Preferences = { default_view: null };

export class PreferenceStore {
  private byUser: PreferencesByUser = new Map();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly persistence: PreferencesPersistence) {}

  /** At boot, before the server listens. */
  async load(): Promise<void> {
    await this.serialised(async () => {
      this.byUser = await this.persistence.load();
    });
  }

  get(user: string): Preferences {
    return this.byUser.get(user) ?? NONE;
  }

  /** Replaces the user's preferences; a user back to none is dropped from the file. */
  set(user: string, preferences: Preferences): Promise<Preferences> {
    return this.serialised(async () => {
      const next = new Map(this.byUser);
      if (preferences.default_view === null) next.delete(user);
      else next.set(user, preferences);
      await this.persistence.save(next);
      this.byUser = next;
      return this.get(user);
    });
  }

  /** Runs `operation` after every earlier one has finished, whatever their outcome. */
  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(operation, operation);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
