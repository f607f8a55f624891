import { shortcutVerdict } from '../../electron/shared/shortcuts';

/**
 * What a page can do against escapes and accidents on a public touchscreen (the Electron shell and the OS do the
 * rest): no long-press menus, no pinch or ctrl+wheel zoom, no dragging, no dropping files, no selection, and no
 * link that leaves the kiosk.
 */
export function hardenPage(): void {
  const stop = (event: Event) => event.preventDefault();
  window.addEventListener('contextmenu', stop, { capture: true });
  window.addEventListener('dragstart', stop, { capture: true });
  window.addEventListener('dragover', stop, { capture: true });
  window.addEventListener('drop', stop, { capture: true });
  window.addEventListener('selectstart', stop, { capture: true });
  // Safari-style gesture events, and pinch as ctrl+wheel in Chromium.
  window.addEventListener('gesturestart', stop, { capture: true });
  window.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { capture: true, passive: false });
  window.addEventListener(
    'touchmove',
    (event) => {
      if (event.touches.length > 1) event.preventDefault();
    },
    { capture: true, passive: false },
  );
  // A plugged-in keyboard or a barcode scanner: the same shortcuts the Electron shell swallows (reload, history,
  // zoom, print, save, open, find, devtools…). A browser keeps a few for itself that no page can stop (new tab, new
  // window, close); docs/deploy.md says how a browser kiosk deals with those.
  window.addEventListener(
    'keydown',
    (event) => {
      const input = { type: 'keyDown', key: event.key, code: event.code, control: event.ctrlKey, meta: event.metaKey, alt: event.altKey, shift: event.shiftKey };
      if (shortcutVerdict(input) === 'block') event.preventDefault();
    },
    { capture: true },
  );
  window.addEventListener(
    'click',
    (event) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (anchor) event.preventDefault();
    },
    { capture: true },
  );
  window.open = () => null;
}
