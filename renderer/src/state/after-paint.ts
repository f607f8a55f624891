import { useEffect, useState } from 'react';

/**
 * `value`, one frame late: after a change the previous value stays for the frame that answers the tap, and the new one
 * follows in a render of its own once that frame is on screen. For what is heavy to draw (a picture, a long text)
 * next to something the tap changes at once (a marked row), so that the mark is not held back by the picture.
 * (React's useDeferredValue may still render before that frame when the browser has time left before it.)
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer = 0;
    // A frame's callbacks run just before it is drawn; a task queued from there runs after it.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setShown(value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}
