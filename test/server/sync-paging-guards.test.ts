// Paging guards, through the real app against a scripted loopback upstream: a page repeated (page
// ignored), a capped limit, an endless has_more, and a sync failing halfway leaving the previous index.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { testServerConfig } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const clock = (start = Date.UTC(2026, 10, 27, 23, 0, 0)) => fakeClock(start);

describe('paging guards against a misbehaving upstream', () => {
  async function scripted(answer: (page: number) => object) {
    let calls = 0;
    const server = http.createServer((req, res) => {
      calls++;
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(page)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
    const app = await buildApp({
      logger: false,
      sync: { maxPages: 5, pageLimit: 2 },
      config: testServerConfig(),
      upstream: { url, apiKey: 'k', source: 'rotor' },
    });
    await app.ready();
    await app.leadStore.settled();
    const response = await app.inject('/api/leads?archived=true&limit=1000');
    const lastError = app.leadStore.status().last_error;
    await app.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    return { calls, status: response.statusCode, body: response.json(), lastError };
  }
  const page = (ids: string[], hasMore: boolean, total = 4) => ({
    data: ids.map((id) => ({ id, created_at: '2026-01-01T00:00:00Z' })),
    pagination: { has_more: hasMore, limit: 2, page: 1, total },
    status: 'success',
  });

  it('fails (no partial data) when upstream ignores `page` or never ends; a short page with has_more continues', async () => {
    const same = await scripted(() => page(['a', 'b'], true));
    expect(same.calls).toBe(2);
    expect(same.status).toBe(502);
    expect(same.lastError).toContain('page 2 repeats page 1');

    // An upstream capping `limit` below what was asked still says has_more: keep paging.
    const capped = await scripted((n) => page(n <= 2 ? [`c${n}`] : [], n < 2, 2));
    expect(capped.calls).toBe(2);
    expect(capped.body.pagination.total).toBe(2);

    const endless = await scripted((n) => page([`x${n}a`, `x${n}b`], true, 100));
    expect(endless.calls).toBe(5);
    expect(endless.status).toBe(502);
    expect(endless.lastError).toContain('still reports more after 5 pages');
  });

  it('a sync that fails halfway leaves the previous index in place', async () => {
    let generation = 1;
    const server = http.createServer((req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      if (generation === 2 && n === 2) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(page([`g${generation}p${n}a`, `g${generation}p${n}b`], n < 2)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const c = clock(Date.UTC(2026, 10, 27, 9, 0, 0));
    const app = await buildApp({
      logger: false,
      now: c.now,
      clientTuning: { retryBaseDelayMs: 1, retryMaxDelayMs: 2 },
      sync: { pageLimit: 2 },
      config: testServerConfig(),
      upstream: { url, apiKey: 'k', source: 'rotor' },
    });
    try {
      await app.ready();
      await app.leadStore.settled();
      const ids = () =>
        app.inject('/api/leads?archived=true').then((r) =>
          r
            .json()
            .data.map((l: { id: string }) => l.id)
            .sort(),
        );
      expect(await ids()).toEqual(['g1p1a', 'g1p1b', 'g1p2a', 'g1p2b']);
      generation = 2;
      c.advance(app.leadStore.refreshIntervalMs + 1);
      await app.inject('/api/leads');
      await app.leadStore.settled();
      expect(await ids()).toEqual(['g1p1a', 'g1p1b', 'g1p2a', 'g1p2b']); // not g2's first page
      expect((await app.inject('/api/leads')).json().meta.stale).toBe(true);
    } finally {
      await app.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
