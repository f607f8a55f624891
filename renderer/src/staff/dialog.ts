import { useEffect, useRef } from 'react';

/**
 * For a modal dialog: focus moves into it when it opens and back where it was when it closes; Escape (a keyboard at
 * the kiosk for maintenance) does what Cancel does.
 */
export function useDialogFocus<T extends HTMLElement>(onEscape: () => void) {
  const ref = useRef<T | null>(null);
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  }, [onEscape]);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus({ preventScroll: true });
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') escape.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  return ref;
}
