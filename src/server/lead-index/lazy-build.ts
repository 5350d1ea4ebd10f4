// Two helpers of the search index's build: a fold memo for the many repeated field values, and an index built
// on first need or ahead of it in steps.
import { foldText } from './fold-text';

/**
 * Entries of the fold memo before it starts again: growing one Map to every distinct value (~500k at 100k
 * leads) rehashes it in one go, a stall of its own; the repeated values (cities, sources) refill it at once.
 */
const FOLD_MEMO_SIZE = 1 << 15;

/** Many leads share names, cities, sources: fold each distinct string once per build (mostly). */
export function memoizedFold(): (value: unknown) => string {
  const folded = new Map<string, string>();
  return (value) => {
    if (typeof value !== 'string') return '';
    let result = folded.get(value);
    if (result === undefined) {
      if (folded.size >= FOLD_MEMO_SIZE) folded.clear();
      folded.set(value, (result = foldText(value)));
    }
    return result;
  };
}

/** An index built on first need, or ahead of it a chunk at a time; both share one build. */
export class LazyBuild<T> {
  private built: T | null = null;
  private steps: Generator<void, T, void> | null = null;
  constructor(private readonly start: () => Generator<void, T, void>) {}
  get(): T {
    while (this.built === null) this.step();
    return this.built;
  }
  async buildAsync(): Promise<void> {
    while (this.built === null) {
      this.step();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  private step(): void {
    this.steps ??= this.start();
    const next = this.steps.next();
    if (next.done === true) {
      this.built = next.value;
      this.steps = null;
    }
  }
}
