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
  window.addEventListener(
    'keydown',
    (event) => {
      // Browser zoom and find, print, save, open: none of them belong on a kiosk.
      if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0', 'p', 's', 'o', 'f', 'g'].includes(event.key.toLowerCase())) {
        event.preventDefault();
      }
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
