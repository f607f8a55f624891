import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Db } from '../../db/connection';
import { mediaType } from '../../db/queries/catalog';
import { isSha256, type MediaStore } from './media-store';

/** Serves the renderer's files and the media store, fetch-style, so Electron's protocol and the HTTP server share it. */
export type AssetServer = (request: Request) => Promise<Response>;

/** The page may load its own scripts, styles, fonts and media, and talk to its own origin; nothing else. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

// Media never runs anything, even an SVG opened on its own.
const mediaPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox";

const staticTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export function createAssetServer(options: { rendererDir: string; db: Db; media: MediaStore }): AssetServer {
  const rendererRoot = normalize(options.rendererDir + sep);

  return (request) => Promise.resolve(serve(request));

  function serve(request: Request): Response {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(405, 'Method not allowed', { allow: 'GET, HEAD' });
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return text(400, 'Bad request');
    }

    if (pathname.startsWith('/media/')) {
      const sha256 = pathname.slice('/media/'.length);
      if (!isSha256(sha256)) return text(404, 'Not found');
      const type = mediaType(options.db, sha256);
      if (!type || !options.media.has(sha256)) return text(404, 'Not found');
      return serveFile(request, options.media.pathOf(sha256), {
        'content-type': type,
        'cache-control': 'public, max-age=31536000, immutable',
        etag: `"${sha256}"`,
        'content-security-policy': mediaPolicy,
      });
    }

    // The renderer: a client-side app, so unknown paths without an extension get index.html.
    const relative = pathname === '/' || !extname(pathname) ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = normalize(join(rendererRoot, relative));
    if (!file.startsWith(rendererRoot) || relative.includes('\0')) return text(404, 'Not found');
    const immutable = relative.startsWith('assets/');
    return serveFile(request, file, {
      'content-type': staticTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Vite names bundles by content hash; index.html must always be fresh so a new build is picked up.
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': contentSecurityPolicy,
    });
  }
}

function serveFile(request: Request, file: string, headers: Record<string, string>): Response {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return text(404, 'Not found');
    size = stat.size;
  } catch {
    return text(404, 'Not found');
  }
  const common = { ...headers, 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' };
  const etag = headers.etag;
  if (etag && request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers: common });
  }

  const range = parseRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${size}` } });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  const responseHeaders = { ...common, 'content-length': String(length) };
  const status = range ? 206 : 200;
  if (range) Object.assign(responseHeaders, { 'content-range': `bytes ${start}-${end}/${size}` });
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers: responseHeaders });
  const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status, headers: responseHeaders });
}

/** One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`); several ranges are answered with the whole file. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers },
  });
}
