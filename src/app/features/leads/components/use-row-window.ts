// Which rows of the table are in (or near) view, from the scroller's scroll position and height alone: every
// row is the same height (lead-row.tsx), so nothing is measured while scrolling. The answer moves in small
// blocks of rows, so a scroll re-renders the body only when it crosses a block, not on every scroll event,
// and a fast scroll spreads its rendering evenly over the frames instead of doing a large block now and then.
import { useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Rows rendered beyond each edge of the view, and the block size the window snaps to. */
const OVERSCAN_ROWS = 3;
const BLOCK_ROWS = 2;

/**
 * The window's height, read at start-up and on resize: reading `innerHeight` while the page has DOM changes
 * not yet laid out (a render's commit) forces a layout of the whole page, so it is not read there.
 */
let windowHeight = typeof window === 'undefined' ? 0 : window.innerHeight;
if (typeof window !== 'undefined')
  window.addEventListener(
    'resize',
    () => {
      windowHeight = window.innerHeight;
    },
    { passive: true },
  );

/** Blocks of rows from `first` (inclusive) to `last` (exclusive); `all` before the scroller has a height. */
type Blocks = { first: number; last: number } | 'all' | null;

function blocksInView(scrollTop: number, height: number, rowPx: number): Blocks {
  // A scroller with no height has no layout (not displayed, or a document without layout): every row.
  if (height <= 0) return 'all';
  const first = Math.floor(Math.max(0, scrollTop / rowPx - OVERSCAN_ROWS) / BLOCK_ROWS);
  const last = Math.ceil(((scrollTop + height) / rowPx + OVERSCAN_ROWS) / BLOCK_ROWS);
  return { first, last };
}

const sameBlocks = (a: Blocks, b: Blocks) =>
  a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && a.first === b.first && a.last === b.last);

/** Whether `outer` renders every row `inner` does (a guess that covers the rows in view is kept). */
const covers = (outer: Blocks, inner: Blocks) =>
  outer === 'all' ||
  (typeof outer === 'object' &&
    typeof inner === 'object' &&
    outer !== null &&
    inner !== null &&
    outer.first <= inner.first &&
    outer.last >= inner.last);

/** The rows to render, [start, end), of `count` rows of `rowPx` each inside the scroller. */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  bodyRef: RefObject<HTMLElement | null>,
  count: number,
  rowPx: number,
): { start: number; end: number } {
  // The first render guesses from the window's height (the scroller is never taller), so the rows render with
  // the rest of the body — in its deferred, sliced render (lead-rows.tsx) — rather than in a synchronous re-render
  // from the layout effect below, which then keeps the guess when it covers the rows really in view.
  const [blocks, setBlocks] = useState<Blocks>(() => (windowHeight > 0 ? blocksInView(0, windowHeight, rowPx) : null));

  useLayoutEffect(() => {
    // The scroller's ref is attached after this effect runs when both mount in the same commit (a view shown
    // with its answer already cached): then the table's parent, which is the scroller, found from the body.
    const scroller = scrollRef.current ?? bodyRef.current?.closest('table')?.parentElement;
    if (!scroller) return;
    // With a resize observer the height comes from its first report, after the browser's own layout: reading
    // clientHeight here would force a layout of the whole page in the middle of the first render's commit.
    // Until then the first render's guess (the window's height, from the top) stands.
    const resizeObserved = typeof ResizeObserver === 'function';
    let height = resizeObserved ? windowHeight : scroller.clientHeight;
    const update = (keepCovering = false) => {
      const next = blocksInView(scroller.scrollTop, height, rowPx);
      setBlocks((previous) => (sameBlocks(previous, next) || (keepCovering && covers(previous, next)) ? previous : next));
    };
    // Rendered at once, inside the scroll event: the new rows are laid out and painted in the frame that
    // scrolls to them (no blank gap for a frame, no separate task between frames).
    const onScroll = () => flushSync(() => update());
    if (!resizeObserved) update(true);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    // The scroller's height changes with the window (a phone turned, a banner shown): the resize observer
    // reports it without a forced layout.
    const resize = resizeObserved
      ? new ResizeObserver((entries) => {
          height = entries.at(-1)?.contentRect.height ?? height;
          update();
        })
      : null;
    resize?.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      resize?.disconnect();
    };
  }, [scrollRef, bodyRef, rowPx]);

  if (blocks === null) return { start: 0, end: 0 };
  if (blocks === 'all') return { start: 0, end: count };
  return { start: Math.min(count, blocks.first * BLOCK_ROWS), end: Math.min(count, blocks.last * BLOCK_ROWS) };
}
