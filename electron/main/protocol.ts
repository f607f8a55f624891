import { protocol } from 'electron';
import type { AssetServer } from '../core/assets';
import { appScheme, isAppUrl, outOfOrderResponse } from './app-origin';

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative URLs, `secure` makes it a
 * secure context, `supportFetchAPI` lets the page fetch `/media/…`, `stream` lets video seek through ranges.
 * Deliberately not `bypassCSP` or `corsEnabled`: the page keeps the CSP the asset server sends.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves `app://kiosk/…` from the core's asset server, or the out-of-order notice when the core could not open or
 * the watchdog gave up (a crash loop): `server()` is asked on every request.
 */
export function handleAppProtocol(server: () => AssetServer | null): void {
  protocol.handle(appScheme, async (request) => {
    if (!isAppUrl(request.url)) return new Response('Not found', { status: 404 });
    const serve = server();
    if (!serve) return outOfOrderResponse(request);
    try {
      return await serve(request);
    } catch (error) {
      console.error('[shell] serving', request.url, 'failed', error);
      return new Response('Internal error', { status: 500 });
    }
  });
}
