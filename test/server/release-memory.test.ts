// After a swap the replaced data is garbage; releaseMemoryWhenIdle hands it back once the event loop is idle
// (issue 14: the full collection is atomic, so it must not run while requests are being answered).
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { releaseMemoryWhenIdle } from '../../src/server/sync/release-memory';

const usedMb = () => getHeapStatistics().used_heap_size / 2 ** 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('releaseMemoryWhenIdle', () => {
  it('returns at once and, once the event loop is idle, the garbage of a swap is collected', async () => {
    // ~60 MB of old-generation garbage, like a replaced index: objects that survived a while, then dropped.
    let held: { id: string; name: string; tags: string[] }[] | null = Array.from({ length: 300_000 }, (_, i) => ({
      id: `lead-${i}`,
      name: `Name ${i} ${'x'.repeat(i % 50)}`,
      tags: [`t${i % 7}`, `u${i % 11}`],
    }));
    await sleep(50);
    const withGarbage = usedMb();
    expect(held).toHaveLength(300_000);
    held = null;
    const started = performance.now();
    releaseMemoryWhenIdle();
    expect(performance.now() - started).toBeLessThan(20);
    await sleep(1_000); // idle: the check runs every 100 ms
    expect(usedMb()).toBeLessThan(withGarbage - 30);
  });
});
