// What each error means to a sales person: what happened and what to do (docs/ui.md "States").
import { ApiRequestError } from './api-client';
import { formatAgo, formatDateTime, formatTime, nextUtcMidnight } from './format';

export type ErrorAction = 'retry' | 'reset-view' | 'none';

export interface ErrorDescription {
  title: string;
  detail: string;
  action: ErrorAction;
}

const withoutFullStop = (text: string) => text.trim().replace(/\.+$/, '');

export function describeError(error: unknown, now: Date = new Date()): ErrorDescription {
  if (!(error instanceof ApiRequestError)) {
    return {
      title: 'Something went wrong',
      detail: 'The page hit an unexpected problem. Try again; if it keeps happening, reload the page.',
      action: 'retry',
    };
  }
  switch (error.error_code) {
    case 'AUTHENTICATION_REQUIRED':
      return {
        title: 'The dashboard cannot sign in to Rotor',
        detail:
          'Rotor refused the dashboard’s API key: it is missing or wrong. This is not something you can fix here — please tell your administrator to check the Rotor API key (ROTOR_API_KEY) of the dashboard server.',
        action: 'none',
      };
    case 'INSUFFICIENT_SCOPE':
      return {
        title: 'The dashboard is not allowed to read leads',
        detail:
          'Rotor accepted the dashboard’s API key but it lacks the “leads:read” permission. Please tell your administrator to grant that scope to the key, or to use a key that has it.',
        action: 'none',
      };
    case 'RATE_LIMIT_EXCEEDED': {
      const resetAt = nextUtcMidnight(now);
      // The server waits a few minutes past the reset (Rotor's clock may run behind ours): Retry-After says when.
      const retryAt = error.retryAfterSeconds !== null ? new Date(now.getTime() + error.retryAfterSeconds * 1000) : resetAt;
      return {
        title: 'Today’s Rotor API quota is used up',
        detail: `Rotor allows a limited number of API calls per day and none are left, so no lead data could be loaded yet. The quota resets at ${formatTime(
          resetAt,
        )}; the dashboard loads the leads from ${formatTime(retryAt)} (${formatDateTime(retryAt)}).`,
        action: 'retry',
      };
    }
    case 'UPSTREAM_UNAVAILABLE':
      return {
        title: 'Rotor is not responding',
        detail:
          'The dashboard could not get lead data from Rotor (it is down, slow or answered with bad data). This is usually temporary: wait a minute and retry.',
        action: 'retry',
      };
    case 'INVALID_PARAMETER':
      return {
        title: 'This view has a setting the server could not use',
        detail: `${withoutFullStop(error.message)}. The link may be old or edited by hand. Reset the view to start from all leads.`,
        action: 'reset-view',
      };
    case 'NOT_FOUND':
      return {
        title: 'Not found',
        detail: 'This lead does not exist (any more). It may have been deleted in Rotor, or the link is wrong.',
        action: 'none',
      };
    case 'UNAUTHENTICATED':
      return { title: 'You are signed out', detail: 'Your session has ended. Reload the page to sign in again.', action: 'retry' };
    case 'RATE_LIMITED':
      return {
        title: 'Too many requests',
        detail: `The dashboard server is getting more requests from you than it accepts.${
          error.retryAfterSeconds !== null ? ` Wait ${Math.max(1, Math.ceil(error.retryAfterSeconds))} s,` : ' Wait a moment,'
        } then retry.`,
        action: 'retry',
      };
    case 'TOO_MANY_ATTEMPTS':
      return {
        title: 'Too many sign-in attempts',
        detail: 'Sign-in is paused for a while after several failed attempts. Wait a few minutes, then reload the page and try again.',
        action: 'none',
      };
    case 'NETWORK_ERROR':
      return {
        title: 'Cannot reach the dashboard server',
        detail:
          'Check your internet connection, then retry. If others can’t reach it either, the server may be down — tell your administrator.',
        action: 'retry',
      };
    case 'REFRESH_TOO_SOON':
      return {
        title: 'Refresh not needed yet',
        detail: `${withoutFullStop(error.message)}. The data was refreshed moments ago, or today’s API quota is nearly spent; the dashboard refreshes on its own.`,
        action: 'none',
      };
    default:
      return {
        title: 'The server had a problem',
        detail: 'Something went wrong on the dashboard server. Retry in a moment; if it keeps happening, tell your administrator.',
        action: 'retry',
      };
  }
}

/** "Showing data from 10:02 (5 min ago)." for answers served from held data. */
export function dataFromText(syncedAt: string | null | undefined, now: Date = new Date()): string {
  if (!syncedAt) return '';
  const date = new Date(syncedAt);
  if (Number.isNaN(date.getTime())) return '';
  return `Showing data from ${formatDateTime(date)} (${formatAgo(date, now)}).`;
}
