// The table's column order (docs/ui.md "Table"): Name first and fixed (it is the sticky column that opens
// the lead), the rest movable by drag or "Move left"/"Move right", remembered in localStorage beside the
// visibility (own key, so each survives a reset of the other's format).
import { useCallback, useState } from 'react';
import { COLUMN_IDS } from './columns';

const STORAGE_KEY = 'rotor-leads:column-order:v1';

/** The catalogue's order, with Phone next to Name: reps call from the list (issue 12). */
export const DEFAULT_COLUMN_ORDER: string[] = ['name', 'phone', ...COLUMN_IDS.filter((id) => id !== 'name' && id !== 'phone')];

/** A stored order made whole: unknown ids dropped, missing ones appended in default order, Name first. */
export function normaliseColumnOrder(order: readonly unknown[]): string[] {
  const known = order.filter((id): id is string => typeof id === 'string' && COLUMN_IDS.includes(id) && id !== 'name');
  const unique = [...new Set(known)];
  return ['name', ...unique, ...DEFAULT_COLUMN_ORDER.filter((id) => id !== 'name' && !unique.includes(id))];
}

export function loadColumnOrder(): string[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(stored)) return normaliseColumnOrder(stored);
  } catch {
    // Garbage or no storage: the default order.
  }
  return [...DEFAULT_COLUMN_ORDER];
}

export function saveColumnOrder(order: readonly string[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(order));
  } catch {
    // Storage full or blocked: the order lasts for this page only.
  }
}

/** `id` moved one place among the visible columns (`visible` in order); hidden ones keep their places. */
export function moveColumn(order: readonly string[], id: string, step: -1 | 1, visible: readonly string[]): string[] {
  const at = visible.indexOf(id);
  const neighbour = visible[at + step];
  if (at === -1 || !neighbour || neighbour === 'name' || id === 'name') return [...order];
  return moveColumnTo(order, id, neighbour);
}

/** `id` put where `target` is (before it when moving left, after it when moving right): a drop. */
export function moveColumnTo(order: readonly string[], id: string, target: string): string[] {
  if (id === target || id === 'name' || target === 'name') return [...order];
  const from = order.indexOf(id);
  const to = order.indexOf(target);
  if (from === -1 || to === -1) return [...order];
  const next = order.filter((column) => column !== id);
  next.splice(next.indexOf(target) + (from < to ? 1 : 0), 0, id);
  return next;
}

const DRAG_TYPE = 'application/x-rotor-column';

/**
 * Drag-and-drop props for a header cell (wide screens; the Columns menu's Move left/right is the way on a
 * phone and from the keyboard). Name is neither dragged nor a drop target.
 */
export function columnDragProps(id: string, order: readonly string[], onChange: (order: string[]) => void) {
  if (id === 'name') return {};
  return {
    draggable: true,
    onDragStart: (event: React.DragEvent) => {
      event.dataTransfer.setData(DRAG_TYPE, id);
      event.dataTransfer.effectAllowed = 'move';
    },
    onDragOver: (event: React.DragEvent) => {
      if (event.dataTransfer.types.includes(DRAG_TYPE)) event.preventDefault();
    },
    onDrop: (event: React.DragEvent) => {
      const dragged = event.dataTransfer.getData(DRAG_TYPE);
      if (!dragged) return;
      event.preventDefault();
      onChange(moveColumnTo(order, dragged, id));
    },
  };
}

/** The order as React state, saved on every change. */
export function useColumnOrder() {
  const [order, setOrder] = useState<string[]>(loadColumnOrder);
  const set = useCallback((next: string[]) => {
    const whole = normaliseColumnOrder(next);
    setOrder(whole);
    saveColumnOrder(whole);
  }, []);
  return {
    order,
    set,
    reset: () => set([...DEFAULT_COLUMN_ORDER]),
    move: (id: string, step: -1 | 1, visible: readonly string[]) => set(moveColumn(order, id, step, visible)),
  };
}
