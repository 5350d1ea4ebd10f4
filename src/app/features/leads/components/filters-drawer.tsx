// Where the filter panel sits: a sidebar on wide screens, a modal drawer opened by the "Filters" button on
// narrower ones (filters-drawer-panel.tsx, loaded when first opened).
import type { ReactNode } from 'react';

export function FiltersSidebar({ children }: { children: ReactNode }) {
  return (
    <aside aria-labelledby="filters-heading" className="w-64 shrink-0 overflow-y-auto border-r border-line bg-surface px-4 py-4 xl:w-72">
      <h2 id="filters-heading" className="mb-4 text-base font-semibold">
        Filters
      </h2>
      {children}
    </aside>
  );
}

/** Opens the drawer; the badge counts the active filters. */
export function FiltersButton({ activeCount, onOpen }: { activeCount: number; onOpen: () => void }) {
  return (
    <button type="button" className="btn" aria-haspopup="dialog" onClick={onOpen}>
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
        <path fill="currentColor" d="M3 5h14v1.5H3V5Zm3 4.25h8v1.5H6v-1.5Zm2 4.25h4V15H8v-1.5Z" />
      </svg>
      Filters
      {activeCount > 0 && (
        <span className="rounded-full bg-accent px-1.5 text-xs text-accent-ink">
          {activeCount}
          <span className="sr-only"> active</span>
        </span>
      )}
    </button>
  );
}
