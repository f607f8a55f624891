import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * Keeps every web contents on `app://kiosk`: a visitor who finds a link, drops a file on the screen or gets a
 * script to call window.open must not leave the kiosk. Applied from `web-contents-created`, so it also covers
 * anything created later (devtools, a future second window) without each place having to remember.
 */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn('[shell] blocked window.open', truncate(url));
    return { action: 'deny' };
  });

  const stayOnApp = (event: { preventDefault(): void }, url: string, what: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    console.warn(`[shell] blocked ${what}`, truncate(url));
  };
  contents.on('will-navigate', (event) => stayOnApp(event, event.url, 'navigation to'));
  contents.on('will-redirect', (event) => stayOnApp(event, event.url, 'redirect to'));

  // <webview> would be a second, unguarded browser inside the page; the app never uses one.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    console.warn('[shell] blocked a <webview>');
  });
}

/** The kiosk needs no camera, microphone, location, notifications, USB, HID, serial or clipboard reads. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn('[shell] denied permission request', permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * The kiosk loads nothing from the network: the page and media come from `app://kiosk`, sync runs in the core.
 * Any web request from a page (a URL smuggled into content, a future bug) is cancelled at the session.
 */
export function blockRemoteRequests(session: Session): void {
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    console.warn('[shell] cancelled a network request from a page', truncate(details.url));
    callback({ cancel: true });
  });
}

function truncate(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
