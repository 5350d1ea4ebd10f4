// A click anywhere on a row opens the lead (issue 12: reps aim at the row, not the name). The name stays
// the button keyboard and screen-reader users reach, so the row itself gets no role or tab stop.
const INTERACTIVE = 'a, button, input, select, textarea, label, [role="button"]';

export function rowClickProps(
  id: string | undefined,
  highlightedId: string | null | undefined,
  onRowClick: ((id: string) => void) | undefined,
) {
  const highlighted = !!id && id === highlightedId;
  return {
    'data-highlighted': highlighted ? 'true' : undefined,
    className: `group/row hover:bg-surface-2 ${id && onRowClick ? 'cursor-pointer' : ''} ${highlighted ? 'row-highlight' : ''}`,
    onClick:
      id && onRowClick
        ? (event: React.MouseEvent) => {
            // Its own links and buttons do their own thing; a drag to select text is not a click on the row.
            if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return;
            if ((window.getSelection()?.toString() ?? '') !== '') return;
            onRowClick(id);
          }
        : undefined,
  };
}
