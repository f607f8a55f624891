// What the screen tells the kiosk core to count (docs/privacy.md): what visitors did, never who. Reports are
// fire-and-forget: they wait in a queue until the browser is idle, so a tap paints first, and a failed call is
// dropped, since a count is never worth disturbing a visitor for.
//
// Only the kiosk shell turns counting on, and only while a visitor screen is on top (`useScreenShown`): nothing is
// sent during the attract loop, from the exhibitor screen, or from the exhibitor portal, which mounts the same
// components without the shell.
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { UsageEvent } from '../../../electron/shared/contract';
import { api } from '../api/client';
import type { Screen } from './navigation';

/** The screen on top of the kiosk's stack; null while the attract loop runs, and always outside the kiosk shell. */
let onTop: Screen | null = null;
const queue: UsageEvent[] = [];
let sendScheduled = false;

const counting = () => onTop !== null && onTop.name !== 'exhibitor';

export function reportUsage(event: UsageEvent): void {
  if (!counting()) return;
  queue.push(event);
  if (sendScheduled) return;
  sendScheduled = true;
  // The timeout keeps counts flowing on a kiosk that never goes idle (an animation running all the time).
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(send, { timeout: 1000 });
  else window.setTimeout(send, 50);
}

function send(): void {
  sendScheduled = false;
  for (const event of queue.splice(0)) {
    api.invoke('usage.record', event).catch(() => undefined);
  }
}

/**
 * For the kiosk shell: the screen now on top (null: the attract loop). Counts it as shown, except the exhibitor
 * screen and the screen that leaving it lands on: those taps are an exhibitor's. A layout effect, so the screen on
 * top is known before the screens' own effects report what they opened.
 */
export function useScreenShown(screen: Screen | null): void {
  useLayoutEffect(() => {
    // The same screen again (a re-run of this effect) is not shown anew.
    if (screen === onTop) return;
    const before = onTop;
    onTop = screen;
    if (screen && before?.name !== 'exhibitor') reportUsage({ kind: 'screen', screen: screen.name });
  }, [screen]);
}

type ItemKind = 'project' | 'region' | 'cluster' | 'route_stop';

/**
 * Counts an item as opened when its id is known (null: not there, or nothing open) and each time it changes to
 * another one, never twice in a row for the same mounted screen (a re-render or a catalog refresh opens nothing).
 */
export function useItemOpened(kind: ItemKind, id: string | null): void {
  const counted = useRef<string | null>(null);
  useEffect(() => {
    if (id === counted.current) return;
    counted.current = id;
    if (id !== null) reportUsage({ kind, id });
  }, [kind, id]);
}

/** How long a query must stay, with its results on screen, to be a search the visitor made rather than a keystroke. */
export const searchRestMs = 1500;

const sameQuery = (query: string) => query.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Counts the searches of one search screen: `query` and `results` describe the results on screen (query '' or
 * results null: none). A search counts once its query has rested with its results on screen, or when the visitor
 * taps a result (call the returned function) or leaves the screen; never twice in a row for the same query.
 */
export function useSearchCounting(query: string, results: number | null): () => void {
  const shown = useRef<{ query: string; results: number } | null>(null);
  const lastCounted = useRef('');
  const count = useCallback(() => {
    const search = shown.current;
    if (!search || sameQuery(search.query) === lastCounted.current) return;
    lastCounted.current = sameQuery(search.query);
    reportUsage({ kind: 'search', query: search.query, results: search.results });
  }, []);

  useEffect(() => {
    shown.current = query.trim() !== '' && results !== null ? { query, results } : null;
    if (!shown.current) return;
    const timer = window.setTimeout(count, searchRestMs);
    return () => window.clearTimeout(timer);
  }, [query, results, count]);

  // Leaving the screen (Back, Home) counts what was on it, however short a time it rested.
  useEffect(() => count, [count]);
  return count;
}
