// resolveUpstream: the configured upstream becomes the URL and key buildApp uses, before buildApp and
// without touching the config; with no ROTOR_API_URL it is a real demo API on loopback until closed.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { resolveUpstream } from '../../src/server/upstream/resolve-upstream';
import { ROTOR_API_VERSION } from '../../src/shared/rotor-api';

/** Deep-frozen: any write to the config during resolving throws. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) for (const inner of Object.values(value)) frozen(inner);
  return Object.freeze(value);
}

describe('resolveUpstream', () => {
  it('Rotor as configured: its URL and key, nothing started', async () => {
    const config = frozen(loadConfig({ ROTOR_API_URL: 'https://api.getrotor.com/open-api', ROTOR_API_KEY: 'rotor-key-123' }));
    const running = await resolveUpstream(config);
    expect(running.upstream).toEqual({ url: 'https://api.getrotor.com/open-api', apiKey: 'rotor-key-123', source: 'rotor' });
    await running.close();
    expect(config.upstream).toEqual({ kind: 'rotor', url: 'https://api.getrotor.com/open-api', apiKey: 'rotor-key-123' });
  });

  it('no ROTOR_API_URL: a demo API on loopback answers with the given key, DEMO_LEADS leads, until closed', async () => {
    const config = frozen(loadConfig({ DEMO_LEADS: '7' }));
    const running = await resolveUpstream(config);
    const { url, apiKey, source } = running.upstream;
    expect(source).toBe('demo');
    expect(new URL(url).hostname).toBe('127.0.0.1');
    try {
      const headers = { 'x-api-key': apiKey, 'rotor-api-version': ROTOR_API_VERSION };
      const answer = await fetch(`${url}/leads?limit=100&archived=true`, { headers });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { data: unknown[] };
      expect(body.data).toHaveLength(7);
      const refused = await fetch(`${url}/leads`, { headers: { ...headers, 'x-api-key': `${apiKey}-wrong` } });
      expect(refused.status).toBe(401);
    } finally {
      await running.close();
    }
    await expect(fetch(`${url}/leads`, { headers: { 'x-api-key': apiKey } })).rejects.toThrow();
    expect(config.upstream).toEqual({ kind: 'demo' });
  });
});
