// The views as the leads screen sees them: the list, the one the URL equals, opening one (with the notice
// when its stored query no longer parses), and who may change what. One call per screen (LeadsView).
import { useCallback, useMemo, useState } from 'react';
import type { ViewQuery } from '../leads/view-query';
import type { View } from '../../../shared/views';
import { useSession } from '../auth/api/get-session';
import { useViews } from './api/views';
import { activeView, cleanViewQuery, navigateToQuery, urlViewQuery, useLocationSearch } from './view-query';

export interface ViewNotice {
  viewName: string;
  dropped: string[];
  /** The query it was opened with: the notice shows while the URL still equals it. */
  query: string;
}

export function useViewsState(query: ViewQuery) {
  const views = useViews();
  const session = useSession().data?.data;
  const locationSearch = useLocationSearch();
  const viewQuery = useMemo(() => urlViewQuery(query, locationSearch), [query, locationSearch]);
  const list = views.data?.data;
  const active = useMemo(() => activeView(list, viewQuery), [list, viewQuery]);
  const [notice, setNotice] = useState<ViewNotice | null>(null);

  const openView = useCallback((view: View) => {
    const cleaned = cleanViewQuery(view.query);
    setNotice(cleaned.dropped.length > 0 ? { viewName: view.name, dropped: cleaned.dropped, query: cleaned.query } : null);
    navigateToQuery(cleaned.query);
  }, []);

  const username = session?.username ?? null;
  const canEdit = useCallback((view: View) => !view.builtin && (view.owner === null || view.owner === username), [username]);

  return {
    views: list,
    loading: views.isPending,
    failed: views.isError,
    active,
    viewQuery,
    // About the view just opened: once the rep moves on to other filters it no longer applies.
    notice: notice && notice.query === viewQuery ? notice : null,
    dismissNotice: () => setNotice(null),
    openView,
    canEdit,
    canShare: !!session && session.mode !== 'none',
    username,
  };
}

export type ViewsState = ReturnType<typeof useViewsState>;
