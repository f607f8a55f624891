// The portal page's built files (Vite: renderer/portal.html → out/portal), served by the hub at /portal/.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/**
 * What the page may do: its own scripts, styles, fonts and images (blob: for the preview of a photo being chosen),
 * calls to its own origin; no inline script, no frames, no forms posting elsewhere, no plugins.
 */
export const portalPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** A media file opened on its own runs nothing, even an SVG from the demo forum. */
export const mediaPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export const pageFile = 'portal.html';

/**
 * Where the built page is: out/portal, found from this module's folder upwards. The built hub's code sits in out/node
 * or one of its chunk folders, the sources in hub/portal (tests, development), so a few levels up cover both. Null when
 * the page has not been built.
 */
export function findPortalDir(from = import.meta.dirname): string | null {
  let dir = from;
  for (let level = 0; level < 4; level++) {
    for (const candidate of [join(dir, 'portal'), join(dir, 'out', 'portal')]) {
      if (existsSync(join(candidate, pageFile))) return candidate;
    }
    dir = resolve(dir, '..');
  }
  return null;
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A built asset by its plain file name (Vite's hashed names: letters, digits, dots, dashes, underscores). */
export function readAsset(dir: string, name: string): { body: Buffer; type: string } | null {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(name) || name.includes('..')) return null;
  const type = types[extname(name).toLowerCase()];
  if (!type) return null;
  const file = join(dir, 'assets', name);
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  return { body: readFileSync(file), type };
}

export function readPage(dir: string): Buffer | null {
  const file = join(dir, pageFile);
  return existsSync(file) ? readFileSync(file) : null;
}
