import { useCallback, useEffect, useRef, useState } from 'react';

/** Seconds the "Still there?" countdown gives a visitor before the kiosk starts over. */
export const idleCountdownSeconds = 15;

/**
 * Watches for touches, keys and scrolling; after `idleSeconds` without any, asks "Still there?" and counts down.
 * Returns the seconds left of the countdown (null while the visitor is active) and a way to dismiss it.
 */
export function useIdle(idleSeconds: number, enabled: boolean, onTimeout: () => void): { countdown: number | null; stay: () => void } {
  // Activity is recorded in a ref: a touch must not re-render the whole kiosk.
  const lastActivity = useRef(0);
  const [countdown, setCountdown] = useState<number | null>(null);
  // Whether "Still there?" is up. Then a touch is the visitor answering it, and only the dialog's own click (its
  // buttons, or the dim area around it) ends it: counted as activity, the touch would take the dialog away under a
  // finger held for more than a tick, and the click that follows would open whatever lies beneath.
  const asking = useRef(false);
  const timeout = useRef(onTimeout);
  useEffect(() => {
    timeout.current = onTimeout;
  }, [onTimeout]);

  useEffect(() => {
    if (!enabled) return;
    lastActivity.current = Date.now();
    const touch = (event: Event) => {
      if (asking.current && event.type === 'pointerdown') return;
      lastActivity.current = Date.now();
    };
    const tick = () => {
      const idleFor = (Date.now() - lastActivity.current) / 1000;
      if (idleFor < idleSeconds) {
        asking.current = false;
        setCountdown(null);
        return;
      }
      const left = Math.max(0, Math.ceil(idleSeconds + idleCountdownSeconds - idleFor));
      asking.current = true;
      setCountdown(left);
      if (left === 0) timeout.current();
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'scroll'] as const;
    events.forEach((event) => window.addEventListener(event, touch, { capture: true, passive: true }));
    const timer = window.setInterval(tick, 250);
    return () => {
      events.forEach((event) => window.removeEventListener(event, touch, { capture: true }));
      window.clearInterval(timer);
      // A countdown left from the last visitor must not flash up for the next one before the first tick.
      asking.current = false;
      setCountdown(null);
    };
  }, [enabled, idleSeconds]);

  const stay = useCallback(() => {
    asking.current = false;
    lastActivity.current = Date.now();
    setCountdown(null);
  }, []);
  return { countdown: enabled ? countdown : null, stay };
}
