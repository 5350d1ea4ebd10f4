// A rep's own preferences kept by the server in an auth mode (docs/api.md "Preferences", an addition
// to the contract): for now the personal default view, what a bare `/` opens for that rep. Without an
// auth mode the server has no one to keep them for, and the SPA keeps them in localStorage.

/** The default: the view it came from (if any) and its query in canonical form (docs/api.md "Saved views"). */
export interface DefaultViewPreference {
  view_id: string | null;
  query: string;
}

export interface Preferences {
  default_view: DefaultViewPreference | null;
}

export interface PreferencesResponse {
  status: 'success';
  data: Preferences;
}

/** A view id as the server makes them (`builtin-…`, `v_…`); only its shape is checked, not that it exists. */
export const VIEW_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
