// Which rows of the table are in (or near) view, from the scroller's scroll position and height alone: every
// row is the same height (lead-row.tsx), so nothing is measured while scrolling. The answer moves in small
// blocks of rows, so a scroll re-renders the body only when it crosses a block, not on every scroll event,
// and a fast scroll spreads its rendering evenly over the frames instead of doing a large block now and then.
import { startTransition, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { columnsInView, columnsInWindow, type ColumnSpan } from './column-span';
import { ROW_HEIGHT_REM } from './lead-row';

/**
 * Rows rendered beyond each edge of the view, and the block size the window snaps to. The rows entering view
 * render inside the scroll event (below), so the overscan only covers what the compositor shows ahead of the
 * main thread; every row more is laid out and painted on every frame of a scroll (docs/performance.md).
 */
const OVERSCAN_ROWS = 2;
const BLOCK_ROWS = 2;

/**
 * The window's size, read at start-up and on resize: reading `innerHeight` while the page has DOM changes
 * not yet laid out (a render's commit) forces a layout of the whole page, so it is not read there.
 */
let windowHeight = typeof window === 'undefined' ? 0 : window.innerHeight;
let windowWidth = typeof window === 'undefined' ? 0 : window.innerWidth;
if (typeof window !== 'undefined')
  window.addEventListener(
    'resize',
    () => {
      windowHeight = window.innerHeight;
      windowWidth = window.innerWidth;
    },
    { passive: true },
  );

/** The columns a first render shows (its rows, or the loading skeleton's): those that can be in view. */
export function firstViewColumns(columnCount: number, rowPx: number): ColumnSpan | null {
  return columnsInWindow(columnCount, windowWidth, rowPx / ROW_HEIGHT_REM);
}

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
  /**
   * While a vertical scroll is under way: the columns in view, for the rows that entered since it started.
   * Also for a table's first rows until they are painted: the columns that can be in view, every row.
   */
  columns: ScrollColumns | null;
}

export interface ScrollColumns {
  span: ColumnSpan;
  /** The rows rendered when the scroll started, [fullStart, fullEnd): they keep every column. */
  fullStart: number;
  fullEnd: number;
}

/** The rows to render, [start, end), of `count` rows of `rowPx` each inside the scroller of `columnCount` columns. */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  bodyRef: RefObject<HTMLElement | null>,
  count: number,
  rowPx: number,
  columnCount: number,
): RowWindow {
  // The first render guesses from the window's height (the scroller is never taller), so the rows render with
  // the rest of the body — in its deferred, sliced render (lead-rows.tsx) — rather than in a synchronous re-render
  // from the layout effect below, which then keeps the guess when it covers the rows really in view.
  const [blocks, setBlocks] = useState<Blocks>(() => (windowHeight > 0 ? blocksInView(0, windowHeight, rowPx) : null));
  const [columns, setColumns] = useState<ScrollColumns | null>(null);
  // The first rows render only the columns that can be in view (a phone shows ~2.5 of 13): the first frame
  // with rows is the longest task of a phone's first load, mostly style and layout of cells out of view. The
  // other cells are filled once those rows are painted, in a transition (sliced), or at once on a sideways
  // scroll. The row height in rem is the root font size's multiple (lead-row.tsx).
  const [firstColumns, setFirstColumns] = useState<ColumnSpan | null>(() => firstViewColumns(columnCount, rowPx));
  const hasRows = count > 0;
  useEffect(() => {
    if (firstColumns === null || !hasRows) return;
    // After the next frame (the one that paints the first rows), in a task of its own.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setFirstColumns(null)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [firstColumns, hasRows]);

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
    // The scroll position as of the last event. With a resize observer it is first read in its report, after
    // the browser's layout (reading it here would force one, as the height above); until then, unknown (-1).
    let scrolling: ScrollColumns | null = null;
    let lastLeft = resizeObserved ? -1 : scroller.scrollLeft;
    let lastTop = resizeObserved ? -1 : scroller.scrollTop;
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
      const sideways = scroller.scrollLeft !== Math.max(0, lastLeft);
      lastLeft = scroller.scrollLeft;
      clearTimeout(settleTimer);
      if (sideways) {
        scrolling = null;
        setFirstColumns(null);
      } else {
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
          if (lastLeft < 0) {
            lastLeft = scroller.scrollLeft;
            lastTop = scroller.scrollTop;
          }
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

  // The first rows' columns cover every row (none was shown before them); a scroll's span is its own.
  const shown = columns ?? (firstColumns ? { span: firstColumns, fullStart: 0, fullEnd: 0 } : null);
  if (blocks === null) return { start: 0, end: 0, columns: shown };
  if (blocks === 'all') return { start: 0, end: count, columns: shown };
  return { start: Math.min(count, blocks.first * BLOCK_ROWS), end: Math.min(count, blocks.last * BLOCK_ROWS), columns: shown };
}
