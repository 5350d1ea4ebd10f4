import { lazy, Suspense, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Spinner } from '../../../components/error-panel';
import { onUnauthenticated } from '../../../lib/api-client';
import { requireSignIn, signInDone, useSignInState } from '../session-state';

// Most visits never see it (no auth mode, or a live session): not part of the first paint.
const SignInForm = lazy(() => import('./sign-in-form').then((module) => ({ default: module.SignInForm })));

onUnauthenticated(requireSignIn);

/**
 * Shows the sign-in form instead of the dashboard while the server answers 401 UNAUTHENTICATED.
 * The URL is the view's state and is left alone, so after signing in the same view comes back;
 * the failed queries are reset so it loads afresh.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { required, message } = useSignInState();
  const queryClient = useQueryClient();
  if (!required) return children;
  return (
    <Suspense
      fallback={
        <div className="grid min-h-dvh place-items-center">
          <Spinner />
        </div>
      }
    >
      <SignInForm
        notice={message}
        onSignedIn={() => {
          void queryClient.resetQueries();
          signInDone();
        }}
      />
    </Suspense>
  );
}
