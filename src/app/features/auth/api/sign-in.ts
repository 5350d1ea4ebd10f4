// POST /api/session: sign in with a user name and password (users-file mode).
import { apiRequest } from '../../../lib/api-client';

export function signIn(username: string, password: string): Promise<void> {
  // A 401 here is a wrong password, shown by the form itself, not a reason to ask for a sign-in.
  return apiRequest<void>('/api/session', { method: 'POST', body: { username, password }, reportUnauthenticated: false });
}
