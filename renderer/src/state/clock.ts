import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs`. The renderer's clock is the kiosk's clock; passing it to calls such
 * as programme.nowNext keeps "now" testable (Playwright's page.clock) and consistent on screen.
 */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** An ISO instant rounded down to the minute, so calls keyed on it are not re-run on every tick. */
export function minuteOf(date: Date): string {
  const copy = new Date(date);
  copy.setSeconds(0, 0);
  return copy.toISOString();
}
