import { useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput, KioskError, Result } from '../../../electron/shared/contract';
import { api } from './client';

export type CallState<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: KioskError };

// ---- Answers kept for the screens that ask again ------------------------------------------------------------
// The catalog only changes through `catalog.changed` (a sync), which empties this cache; until then a screen opened
// a second time, or one whose calls were started ahead (`preload`), draws at once: no "Loading…" frame, no second
// render when the answer comes, no request on the way to the screen. Bounded, so a long day of taps cannot grow it.

const maxCached = 120;
/**
 * The calls whose answers come from the catalog alone, so only `catalog.changed` can change them. Anything else
 * (sync status, activity reports, calls added later) is asked every time, as before.
 */
const catalogCalls: ReadonlySet<CallName> = new Set<CallName>([
  'kiosk.info',
  'regions.list',
  'tags.list',
  'projects.list',
  'projects.get',
  'clusters.list',
  'route.get',
  'programme.days',
  'programme.nowNext', // always asked with `at` (the renderer's clock), so the answer is the catalog's alone
  'hall.plan',
  'search',
]);
const cache = new Map<string, Result<unknown>>();
const inFlight = new Map<string, Promise<Result<unknown>>>();
/** Bumped on every catalog change, so an answer asked for before the change is not kept after it. */
let generation = 0;
let watching = false;

function cacheKey(name: CallName, inputKey: string): string {
  return `${name} ${inputKey}`;
}

function watchCatalog(): void {
  if (watching) return;
  watching = true;
  api.on('catalog.changed', () => {
    generation += 1;
    cache.clear();
    inFlight.clear();
  });
}

function cachedState<T>(name: CallName, key: string): CallState<T> | undefined {
  if (!catalogCalls.has(name)) return undefined;
  const result = cache.get(key) as Result<T> | undefined;
  if (!result?.ok) return undefined;
  // Most recently used last: the oldest entry is the first one dropped.
  cache.delete(key);
  cache.set(key, result);
  return { status: 'ok', value: result.value };
}

/** One call, shared by everyone asking the same thing at the same time; answers are cached (errors never are). */
function invoke<N extends CallName>(name: N, inputKey: string, fresh = false): Promise<Result<CallOutput<N>>> {
  watchCatalog();
  const key = cacheKey(name, inputKey);
  const cached = fresh || !catalogCalls.has(name) ? undefined : cache.get(key);
  if (cached) return Promise.resolve(cached as Result<CallOutput<N>>);
  const pending = fresh ? undefined : inFlight.get(key);
  if (pending) return pending as Promise<Result<CallOutput<N>>>;
  const asked = generation;
  const promise = api.invoke(name, JSON.parse(inputKey) as CallInput<N>).then((result) => {
    if (inFlight.get(key) === promise) inFlight.delete(key);
    if (result.ok && asked === generation && catalogCalls.has(name)) {
      cache.delete(key);
      cache.set(key, result);
      if (cache.size > maxCached) cache.delete(cache.keys().next().value!);
    }
    return result;
  });
  inFlight.set(key, promise);
  return promise;
}

/**
 * Starts calls a screen will make before it is on screen (at start, and while the kiosk waits), so the screen finds
 * the answers ready. Only for answers that cannot change meanwhile except through `catalog.changed`.
 */
export function preload<N extends CallName>(name: N, input: CallInput<N>): void {
  // A cached answer makes no request (`invoke` answers it at once).
  if (catalogCalls.has(name)) void invoke(name, JSON.stringify(input));
}

function toState<T>(result: Result<T>): CallState<T> {
  return result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error };
}

/** Runs a contract call and runs it again whenever the local catalog changes. */
export function useCall<N extends CallName>(name: N, input: CallInput<N>): CallState<CallOutput<N>> {
  const inputKey = JSON.stringify(input);
  const key = cacheKey(name, inputKey);
  const [shown, setShown] = useState<{ key: string; state: CallState<CallOutput<N>> }>(() => ({
    key,
    state: cachedState<CallOutput<N>>(name, key) ?? { status: 'loading' },
  }));
  // A new input with a cached answer shows that answer in this same render; otherwise the last answer stays on
  // screen until the new one arrives (search results do not blink while a visitor types).
  let state = shown.state;
  if (shown.key !== key) {
    const cached = cachedState<CallOutput<N>>(name, key);
    if (cached) {
      state = cached;
      setShown({ key, state });
    }
  }

  useEffect(() => {
    let current = true;
    const load = (fresh: boolean) => {
      void invoke(name, inputKey, fresh).then((result) => {
        if (!current) return;
        setShown((previous) =>
          previous.key === key && previous.state.status === 'ok' && result.ok && previous.state.value === result.value ? previous : { key, state: toState(result) },
        );
      });
    };
    // Also when the answer is cached: one that reached the cache after the first render (a call started ahead by
    // `preload` and answered before this effect ran) must still be shown; skipping it left the screen loading.
    load(false);
    const off = api.on('catalog.changed', () => load(true));
    return () => {
      current = false;
      off();
    };
  }, [name, inputKey, key]);

  return state;
}
