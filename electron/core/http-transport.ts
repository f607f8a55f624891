import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { eventNames, httpStatusOf, type Result } from '../shared/contract';
import type { AssetServer } from './assets';
import type { KioskCore } from './kiosk-core';

/** Larger request bodies are refused before parsing; the largest call is an exhibitor's edit of a few long texts. */
export const maxBodyBytes = 64 * 1024;
const tooLarge = Symbol('too large');


export type HttpTransport = { url: string; close(): Promise<void> };

/**
 * The kiosk contract over HTTP on 127.0.0.1: `POST /api/call/<name>` with a JSON body answers a Result,
 * `GET /api/events` streams events (server-sent events), everything else is the renderer and media.
 */
export async function startHttpTransport(
  core: Pick<KioskCore, 'dispatch' | 'events'>,
  assets: AssetServer,
  options: { port: number },
): Promise<HttpTransport> {
  const host = '127.0.0.1';
  const streams = new Set<ServerResponse>();
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[http] request failed', error);
      if (!res.headersSent) sendResult(res, { ok: false, error: { code: 'internal', message: 'Request failed' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's own pages may talk to the kiosk: refuse other Host names (DNS rebinding) and
    // cross-origin callers (another site open in the same browser).
    const hostHeader = req.headers.host ?? '';
    const port = new URL(origin).port;
    if (hostHeader !== `${host}:${port}` && hostHeader !== `localhost:${port}`) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    // Only a path on this server (origin-form) is a request target here; anything a URL parser cannot read is refused.
    const target = req.url ?? '/';
    let url: URL;
    try {
      if (!target.startsWith('/') || target.startsWith('//')) throw new Error('not a path');
      url = new URL(target, `http://${hostHeader}`);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request target');
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      const requestOrigin = req.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== `http://${hostHeader}`) {
        sendResult(res, { ok: false, error: { code: 'unknown_call', message: 'Cross-origin calls are refused' } }, 403);
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        openEventStream(res);
        return;
      }
      let name = '';
      try {
        name = url.pathname.startsWith('/api/call/') ? decodeURIComponent(url.pathname.slice('/api/call/'.length)) : '';
      } catch {
        // A malformed percent-encoding names no call.
      }
      if (!name || req.method !== 'POST') {
        sendResult(res, { ok: false, error: { code: 'unknown_call', message: 'Use POST /api/call/<name>' } }, 404);
        return;
      }
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        sendResult(res, { ok: false, error: { code: 'invalid_input', message: 'Send the input as application/json' } }, 415);
        return;
      }
      const body = await readBody(req);
      if (body === tooLarge) {
        sendResult(res, { ok: false, error: { code: 'too_large', message: `Request body over ${maxBodyBytes} bytes` } });
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        sendResult(res, { ok: false, error: { code: 'invalid_input', message: 'The body is not valid JSON' } });
        return;
      }
      sendResult(res, await core.dispatch(name, input));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('Method not allowed');
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(key, value);
    }
    const response = await assets(new Request(url, { method: req.method ?? 'GET', headers }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      res.end();
      return;
    }
    Readable.fromWeb(response.body).pipe(res);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  const unsubscribers = eventNames.map((event) =>
    core.events.on(event, (payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribers.forEach((off) => off());
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendResult(res: ServerResponse, result: Result<unknown>, status?: number): void {
  const body = JSON.stringify(result);
  res.writeHead(status ?? (result.ok ? 200 : httpStatusOf[result.error.code]), {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | typeof tooLarge> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        return;
      }
      if (!refused) chunks.push(chunk);
    });
    req.on('end', () => resolve(refused ? tooLarge : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
