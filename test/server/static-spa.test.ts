// The built SPA served beside /api (docs/api.md §2): security headers on every answer, cache rules for
// index.html and hashed assets, and the history fallback only for page navigations. The real app over a
// small dist/ stand-in written to a temp folder.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/dashboard-harness';

describe('security headers and the SPA', () => {
  let spa: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'spa-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Rotor Leads</title><div id="root"></div>');
    writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
    spa = await startHarness({ staticDir: dir, demo: { leadCount: 20 } });
  });
  afterAll(async () => {
    await spa.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets CSP, nosniff, referrer policy; no upgrade-insecure-requests', async () => {
    for (const url of ['/', '/api/leads', '/api/nope']) {
      const response = await spa.app.inject({ url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves index.html (no-cache) and hashed assets (immutable)', async () => {
    const index = await spa.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('Rotor Leads');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await spa.app.inject({ url: '/assets/index-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('falls back to index.html only for page navigations outside /api and /assets', async () => {
    const html = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };
    const deep = await spa.app.inject({ url: '/leads/abc?stage=Won', headers: html });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toMatch(/^text\/html/);
    expect(deep.headers['cache-control']).toBe('no-cache');
    const head = await spa.app.inject({ method: 'HEAD', url: '/some/view', headers: html });
    expect(head.statusCode).toBe(200);

    for (const [method, url, headers] of [
      ['GET', '/some/view', { accept: 'application/json' }],
      ['GET', '/api/nope', html],
      ['GET', '/assets/missing.js', html],
      ['POST', '/some/view', html],
    ] as const) {
      const response = await spa.app.inject({ method, url, headers });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error_code).toBe('NOT_FOUND');
    }
  });
});
