// The first `limit` values of a facet's list, picked straight from its count array (facet-result.ts). A
// facet of thousands of values (free-form tags, owners) would otherwise make an entry per value per cold
// query for facetEntries to rank, of which it keeps `limit`: garbage, and a string comparison per tie.
//
// The list order is count descending, then value in code-unit order (docs/api.md §4), and a dictionary's
// keys are its values in code-unit order (lead-columns.ts), so a key's place in the list is the number
// count · width − key (width > every key): larger comes first, and no two keys tie. A min-heap of `limit`
// such numbers keeps the first `limit` while reading the counts once.

/** A reused heap (queries run one at a time on the event loop); grown for a larger limit. */
let heap = new Float64Array(128);

function siftDown(h: Float64Array, size: number, at: number): void {
  const value = h[at] as number;
  let i = at;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && (h[child + 1] as number) < (h[child] as number)) child++;
    if ((h[child] as number) >= value) break;
    h[i] = h[child] as number;
    i = child;
  }
  h[i] = value;
}

function siftUp(h: Float64Array, at: number): void {
  const value = h[at] as number;
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((h[parent] as number) <= value) break;
    h[i] = h[parent] as number;
    i = parent;
  }
  h[i] = value;
}

/**
 * The keys (≥ 1) with a count above 0: how many there are (facet_sizes), and in `into` the first `limit` of
 * them in list order (into is cleared first).
 */
export function topKeys(counts: Uint32Array, limit: number, into: number[]): number {
  const width = counts.length;
  if (heap.length < limit) heap = new Float64Array(limit);
  const h = heap;
  let size = 0;
  let filled = 0;
  for (let key = 1; key < width; key++) {
    const count = counts[key] as number;
    if (count === 0) continue;
    size++;
    const place = count * width - key;
    if (filled < limit) {
      h[filled] = place;
      siftUp(h, filled++);
    } else if (place > (h[0] as number)) {
      h[0] = place;
      siftDown(h, filled, 0);
    }
  }
  const kept = h.subarray(0, filled).sort();
  into.length = 0;
  for (let k = filled - 1; k >= 0; k--) into.push(width - ((kept[k] as number) % width));
  return size;
}
