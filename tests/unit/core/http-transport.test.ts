import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssetServer } from '../../../electron/core/assets';
import { maxBodyBytes, startHttpTransport, type HttpTransport } from '../../../electron/core/http-transport';
import { createKioskCore, type KioskCore } from '../../../electron/core/kiosk-core';

let dir: string;
let core: KioskCore;
let http: HttpTransport;
let base: URL;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-http-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  core = createKioskCore({ dataDir: join(dir, 'data'), appVersion: '9.9.9' });
  http = await startHttpTransport(core, createAssetServer({ rendererDir, db: core.db, media: core.media }), { port: 0 });
  base = new URL(http.url);
});

afterAll(async () => {
  await http.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(`/api/call/${name}`, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Raw request, for headers fetch will not let us set (Host). */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function someMedia(): { sha256: string; bytes: number } {
  const row = core.db.prepare('SELECT sha256, bytes FROM media ORDER BY bytes DESC LIMIT 1').get() as { sha256: string; bytes: number };
  return row;
}

describe('the contract over HTTP', () => {
  it('answers a call with a Result value and forbids caching it', async () => {
    const response = await call('regions.list', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const result = (await response.json()) as { ok: boolean; value: unknown[] };
    expect(result.ok).toBe(true);
    expect(result.value.length).toBeGreaterThanOrEqual(62);
  });

  it('gives typed errors for unknown calls, wrong input, bad JSON, wrong content type and huge bodies', async () => {
    const unknown = await call('kiosk.selfDestruct', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_call' } });

    const wrong = await call('projects.list', { limit: 'many' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'limit' }] } });

    const badJson = await call('regions.list', '{"oops":');
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The body is not valid JSON' } });

    const form = await call('regions.list', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);

    const huge = await call('search', { q: 'x'.repeat(maxBodyBytes + 10) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'too_large' } });

    const get = await fetch(new URL('/api/call/regions.list', base));
    expect(get.status).toBe(404);
  });

  it('refuses other sites and other host names', async () => {
    const crossSite = await call('regions.list', {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const rebinding = await raw('/', { host: 'evil.example' });
    expect(rebinding.status).toBe(421);
    const ok = await raw('/', { host: `localhost:${base.port}` });
    expect(ok.status).toBe(200);
  });

  it('streams core events to the page', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL('/api/events', base), { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    await reader.read(); // the ": connected" comment
    core.events.emit('catalog.changed', { dataAsOf: '2026-12-03T09:00:00+06:00' });
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event:'))) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: catalog.changed\ndata: {"dataAsOf":"2026-12-03T09:00:00+06:00"}');
    controller.abort();
  });
});

describe('media and renderer files over HTTP', () => {
  it('serves media by hash with its type, immutable caching and no script', async () => {
    const { sha256, bytes } = someMedia();
    const response = await fetch(new URL(`/media/${sha256}`, base));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('etag')).toBe(`"${sha256}"`);
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect((await response.arrayBuffer()).byteLength).toBe(bytes);

    const again = await fetch(new URL(`/media/${sha256}`, base), { headers: { 'if-none-match': `"${sha256}"` } });
    expect(again.status).toBe(304);
  });

  it('serves byte ranges, and refuses ranges past the end', async () => {
    const { sha256, bytes } = someMedia();
    const whole = Buffer.from(await (await fetch(new URL(`/media/${sha256}`, base))).arrayBuffer());
    const part = await fetch(new URL(`/media/${sha256}`, base), { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(whole.subarray(10, 20));

    const tail = await fetch(new URL(`/media/${sha256}`, base), { headers: { range: 'bytes=-5' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(bytes - 5));
    const open = await fetch(new URL(`/media/${sha256}`, base), { headers: { range: `bytes=${bytes - 3}-` } });
    expect(Buffer.from(await open.arrayBuffer())).toEqual(whole.subarray(bytes - 3));

    const past = await fetch(new URL(`/media/${sha256}`, base), { headers: { range: `bytes=${bytes}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes}`);
  });

  it('answers 404 for unknown media and never serves files outside its folders', async () => {
    expect((await fetch(new URL(`/media/${'0'.repeat(64)}`, base))).status).toBe(404);
    expect((await fetch(new URL('/media/not-a-hash', base))).status).toBe(404);
    for (const path of ['/media/..%2F..%2Fdata%2Fkiosk.db', '/..%2Fdata%2Fkiosk.db', '/assets/..%2F..%2Fdata%2Fkiosk.db', '/%2e%2e/%2e%2e/etc/passwd.txt']) {
      const response = await raw(path, { host: `127.0.0.1:${base.port}` });
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('SQLite');
    }
  });

  it('serves the renderer with a strict CSP; the page itself is never cached, bundles are', async () => {
    const index = await fetch(new URL('/', base));
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(new URL('/regions/omsk', base))).status).toBe(200); // client-side routes get the page
    const bundle = await fetch(new URL('/assets/app-1234.js', base));
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect(bundle.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(new URL('/', base), { method: 'DELETE' })).status).toBe(405);
  });
});
