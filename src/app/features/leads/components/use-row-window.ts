// Which rows of the table are in (or near) view, from the scroller's scroll position and height alone: every
// row is the same height (lead-row.tsx), so nothing is measured while scrolling. The answer moves in small
// blocks of rows, so a scroll re-renders the body only when it crosses a block, not on every scroll event,
// and a fast scroll spreads its rendering evenly over the frames instead of doing a large block now and then.
import { startTransition, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { columnsInView, type ColumnSpan } from './column-span';

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

/** How long after the last scroll event a vertical scroll counts as over (rows then get their other cells). */
const SETTLE_MS = 150;

export interface RowWindow {
  /** The rows to render, [start, end). */
  start: number;
  end: number;
  /** While a vertical scroll is under way: the columns in view, for the rows that entered since it started. */
  columns: ScrollColumns | null;
}

export interface ScrollColumns {
  span: ColumnSpan;
  /** The rows rendered when the scroll started, [fullStart, fullEnd): they keep every column. */
  fullStart: number;
  fullEnd: number;
}

/** The rows to render, [start, end), of `count` rows of `rowPx` each inside the scroller. */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  bodyRef: RefObject<HTMLElement | null>,
  count: number,
  rowPx: number,
): RowWindow {
  // The first render guesses from the window's height (the scroller is never taller), so the rows render with
  // the rest of the body — in its deferred, sliced render (lead-rows.tsx) — rather than in a synchronous re-render
  // from the layout effect below, which then keeps the guess when it covers the rows really in view.
  const [blocks, setBlocks] = useState<Blocks>(() => (windowHeight > 0 ? blocksInView(0, windowHeight, rowPx) : null));
  const [columns, setColumns] = useState<ScrollColumns | null>(null);

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
    // A vertical scroll crosses many rows, each with every column, most of them beyond the scroller's side
    // edges (a phone shows ~2.5 of 13): rows entering during the scroll render the columns in view only, the
    // rest once the scroll settles (in a transition, sliced). The columns' edges are read when a scroll
    // starts — the last frame's layout is still clean then — not on every event. A sideways scroll shows
    // other columns: every row gets all its cells at once.
    let scrolling: ScrollColumns | null = null;
    let lastLeft = scroller.scrollLeft;
    let lastTop = scroller.scrollTop;
    let settleTimer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      scrolling = null;
      startTransition(() => setColumns(null));
    };
    const startScroll = (): ScrollColumns | null => {
      const span = columnsInView(scroller, bodyRef.current?.closest('table') ?? null);
      const shown = blocksInView(lastTop, height, rowPx);
      if (span === null || typeof shown !== 'object' || shown === null) return null;
      return { span, fullStart: shown.first * BLOCK_ROWS, fullEnd: shown.last * BLOCK_ROWS };
    };
    const onScroll = () => {
      const sideways = scroller.scrollLeft !== lastLeft;
      lastLeft = scroller.scrollLeft;
      clearTimeout(settleTimer);
      if (sideways) scrolling = null;
      else {
        scrolling ??= startScroll();
        settleTimer = setTimeout(settle, SETTLE_MS);
      }
      lastTop = scroller.scrollTop;
      const span = scrolling;
      // Rendered at once, inside the scroll event: the new rows are laid out and painted in the frame that
      // scrolls to them (no blank gap for a frame, no separate task between frames).
      flushSync(() => {
        setColumns(span);
        update();
      });
    };
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
      clearTimeout(settleTimer);
      scroller.removeEventListener('scroll', onScroll);
      resize?.disconnect();
    };
  }, [scrollRef, bodyRef, rowPx]);

  if (blocks === null) return { start: 0, end: 0, columns };
  if (blocks === 'all') return { start: 0, end: count, columns };
  return { start: Math.min(count, blocks.first * BLOCK_ROWS), end: Math.min(count, blocks.last * BLOCK_ROWS), columns };
}
