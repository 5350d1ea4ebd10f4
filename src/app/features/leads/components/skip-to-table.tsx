/** The id of the table's scroll region, the skip link's target. */
export const LEADS_TABLE_REGION_ID = 'leads-table-region';

/**
 * First stop for the keyboard: on a wide screen some 30 filter controls come before the table.
 * Focuses the table's scroll region instead of following the hash, so the URL (the view's state) stays clean.
 */
export function SkipToTable() {
  return (
    <a
      href={`#${LEADS_TABLE_REGION_ID}`}
      className="btn btn-primary sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(LEADS_TABLE_REGION_ID)?.focus();
      }}
    >
      Skip to leads table
    </a>
  );
}
