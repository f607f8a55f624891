// The kiosk's one origin, `app://kiosk`. Plain Node (no electron import) so the checks can be unit-tested.
import { createHash } from 'node:crypto';

export const appScheme = 'app';
export const appHost = 'kiosk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appStartUrl = `${appOrigin}/`;

/**
 * True only for `app://kiosk/...`. Compares the parsed scheme and host rather than `URL.origin`, because WHATWG URL
 * gives every non-special scheme the opaque origin "null", which would match any other opaque origin too.
 * Exact, case-sensitive host: Chromium hands us canonical (lower-case) URLs, so anything else is refused.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const hasCredentials = parsed.username !== '' || parsed.password !== '';
  return parsed.protocol === `${appScheme}:` && parsed.host === appHost && !hasCredentials;
}

const outOfOrderStyle =
  'html,body{margin:0;height:100%;background:#0d1b2a;color:#f4f6f8;font:24px/1.4 system-ui,sans-serif}' +
  'body{display:flex;align-items:center;justify-content:center;text-align:center;cursor:default;user-select:none}' +
  'h1{font-size:44px;font-weight:600;margin:0 0 12px}p{margin:0 0 48px;opacity:.85}';

const outOfOrderHtml = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Киоск не работает / Kiosk out of order</title>
<style>${outOfOrderStyle}</style></head>
<body><main>
<h1>Киоск временно не работает</h1><p>Пожалуйста, обратитесь к организаторам форума.</p>
<h1 lang="en">This kiosk is out of order</h1><p lang="en">Please ask the forum staff for help.</p>
</main></body></html>
`;

// The page is static and runs no script; its one inline style is allowed by hash, not by 'unsafe-inline'.
const outOfOrderPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(outOfOrderStyle).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What `app://kiosk/…` answers when the kiosk core could not open: a calm bilingual notice instead of a crash. */
export function outOfOrderResponse(request: Request): Response {
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': outOfOrderPolicy,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  // Media and scripts asked for by a cached page get a plain 503, not a second copy of the notice.
  const wantsPage = new URL(request.url).pathname.replace(/\/+$/, '') === '';
  if (!wantsPage) {
    return new Response('Kiosk out of order', {
      status: 503,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // 200, not 503: the notice is the page we mean to show, and Chromium may swap an error status for its own page.
  return new Response(request.method === 'HEAD' ? null : outOfOrderHtml, { status: 200, headers });
}
