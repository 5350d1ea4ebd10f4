import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { Spinner } from '../../../components/error-panel';
import { signIn } from '../api/sign-in';

function failureText(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.error_code === 'UNAUTHENTICATED') return 'Wrong user name or password.';
    if (error.error_code === 'TOO_MANY_ATTEMPTS') {
      const wait = error.retryAfterSeconds !== null ? ` Try again in ${Math.max(1, Math.ceil(error.retryAfterSeconds))} seconds.` : '';
      return `Too many failed sign-ins.${wait}`;
    }
    if (error.error_code === 'NETWORK_ERROR') return 'Cannot reach the dashboard server. Check your connection and try again.';
    if (error.error_code === 'NOT_FOUND')
      return 'This server does not take passwords: sign in through your company’s single sign-on, then reload.';
    if (error.isClientError) return error.message;
  }
  return 'Signing in failed on the server. Try again in a moment.';
}

/** The sign-in page: user name and password; errors are announced (role="alert"). */
export function SignInForm({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const headingId = useId();

  useEffect(() => usernameRef.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      onSignedIn();
    } catch (caught) {
      setError(failureText(caught));
      setPassword('');
      setPending(false);
    }
  }

  return (
    <main className="flex min-h-full items-center justify-center bg-page px-4 py-10">
      <form
        aria-labelledby={headingId}
        onSubmit={submit}
        className="w-full max-w-sm rounded-xl border border-line bg-surface p-6 shadow-sm"
        noValidate
      >
        <h1 id={headingId} className="text-lg font-semibold tracking-tight">
          Sign in to Rotor Leads
        </h1>
        {notice && <p className="mt-1 text-sm text-muted">{notice}</p>}
        <div className="mt-5 flex flex-col gap-1.5">
          <label htmlFor={`${headingId}-username`} className="text-sm font-medium">
            Username
          </label>
          <input
            ref={usernameRef}
            id={`${headingId}-username`}
            name="username"
            className="field"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="mt-4 flex flex-col gap-1.5">
          <label htmlFor={`${headingId}-password`} className="text-sm font-medium">
            Password
          </label>
          <input
            id={`${headingId}-password`}
            name="password"
            type="password"
            className="field"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <div role="alert" className="mt-4 min-h-5 text-sm text-red-700 dark:text-red-300">
          {error}
        </div>
        <button
          type="submit"
          className="btn btn-primary mt-2 w-full justify-center"
          disabled={pending || username.trim() === '' || password === ''}
          aria-busy={pending}
        >
          {pending && <Spinner />}
          Sign in
        </button>
      </form>
    </main>
  );
}
