// The open view's name above the table and in the tab's title ("My follow-ups · Rotor Leads"), while the
// URL still equals its query; and the notice when a view opened without params that no longer parse.
import { useEffect } from 'react';
import type { ViewsState } from '../use-views-state';

export const APP_TITLE = 'Rotor Leads';

export function ActiveViewHeading({ state }: { state: ViewsState }) {
  const { active, notice } = state;
  const name = active?.name ?? null;

  // Written only when it changes: writing the title, even the same text, replaces the <title>'s text and tells
  // the browser, a cost in a first answer's render on a phone.
  useEffect(() => {
    const title = name ? `${name} · ${APP_TITLE}` : APP_TITLE;
    if (document.title !== title) document.title = title;
  }, [name]);
  useEffect(() => () => void (document.title = APP_TITLE), []);

  if (!name && !notice) return null;
  return (
    <div className="px-4 sm:px-6">
      {name && <h2 className="pb-1 text-base font-semibold">{name}</h2>}
      {notice && (
        <div
          role="status"
          className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          <span>
            <span aria-hidden="true">⚠ </span>
            Part of “{notice.viewName}” no longer applies and was left out: {notice.dropped.join(', ')}.
          </span>
          <button type="button" className="link text-sm underline" onClick={state.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
