// Growing delays after wrong PINs (field notes: with 4–6 digit PINs the attempt limit is the real control).
// Delays, not locks: an exhibitor is never locked out for the day, however many wrong PINs someone types; the delay
// is capped. The state lives in SQLite, so a restart does not reset it, and a clock that jumps back does not lengthen
// or shorten a delay beyond the cap.

export type ThrottleState = { failures: number; waitUntil: number };

/** Free attempts, then 30 s, 1 min, 2 min, 4 min, … capped at 15 min. */
export function delayAfter(failures: number): number {
  const free = 3;
  if (failures < free) return 0;
  return Math.min(15 * 60_000, 30_000 * 2 ** (failures - free));
}

/** How long the person must wait before the next attempt (0: go ahead). */
export function waitFor(state: ThrottleState, now: number): number {
  const remaining = state.waitUntil - now;
  // A clock set back would otherwise stretch the wait: never wait longer than the delay itself.
  return Math.max(0, Math.min(remaining, delayAfter(state.failures)));
}

export function afterFailure(state: ThrottleState, now: number): ThrottleState {
  const failures = state.failures + 1;
  return { failures, waitUntil: now + delayAfter(failures) };
}

export const afterSuccess = (): ThrottleState => ({ failures: 0, waitUntil: 0 });
