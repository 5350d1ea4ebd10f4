import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { onUnauthenticated } from '../../../lib/api-client';
import { requireSignIn, signInDone, useSignInState } from '../session-state';
import { SignInForm } from './sign-in-form';

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
    <SignInForm
      notice={message}
      onSignedIn={() => {
        void queryClient.resetQueries();
        signInDone();
      }}
    />
  );
}
