// DELETE /api/session: ends this browser's session.
import { apiRequest } from '../../../lib/api-client';

export function signOut(): Promise<void> {
  return apiRequest<void>('/api/session', { method: 'DELETE', body: {} });
}
