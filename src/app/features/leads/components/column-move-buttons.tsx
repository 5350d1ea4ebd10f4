import type { ReactNode } from 'react';
import { StrokeIcon } from '../../../components/icons';

const arrows = { left: 'M12.5 5 7.5 10l5 5', right: 'M7.5 5l5 5-5 5' };

/**
 * One column's line in the Columns menu: its checkbox and "Move left"/"Move right" (the keyboard's and the
 * phone's way to reorder; wide screens can also drag headers). A `group` named by the column, so the
 * two buttons keep short names and still say which column they move.
 */
export function ColumnMoveButtons({ label, onMove, children }: { label: string; onMove?: (step: -1 | 1) => void; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex items-center gap-0.5">
      {children}
      {onMove &&
        (['left', 'right'] as const).map((side) => (
          <button
            key={side}
            type="button"
            className="inline-flex size-7 cursor-pointer items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-ink"
            aria-label={side === 'left' ? 'Move left' : 'Move right'}
            title={side === 'left' ? `Move ${label} left` : `Move ${label} right`}
            onClick={() => onMove(side === 'left' ? -1 : 1)}
          >
            <StrokeIcon path={arrows[side]} />
          </button>
        ))}
    </div>
  );
}
