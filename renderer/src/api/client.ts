// Types only: the contract's runtime part (zod schemas) stays out of the renderer bundle; the core validates.
import type { CallInput, CallName, CallOutput, EventName, Events, KioskApi, Result } from '../../../electron/shared/contract';

declare global {
  // Augmenting a global declaration needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Set by the Electron preload; absent when the kiosk is served over HTTP. */
    readonly kiosk?: KioskApi;
  }
}

export type Transport = 'ipc' | 'http';

/** The same contract over HTTP on 127.0.0.1, for browsers and tests. */
function httpApi(): KioskApi {
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  return {
    async invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      try {
        const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<CallOutput<N>>;
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'The kiosk core did not answer' } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      source ??= new EventSource('/api/events');
      let set = listeners.get(event);
      if (!set) {
        const handlers = new Set<(payload: never) => void>();
        listeners.set(event, handlers);
        source.addEventListener(event, (message: MessageEvent<string>) => {
          const payload = JSON.parse(message.data) as never;
          handlers.forEach((handler) => handler(payload));
        });
        set = handlers;
      }
      const handler = listener as (payload: never) => void;
      set.add(handler);
      return () => set.delete(handler);
    },
  };
}

export const transport: Transport = window.kiosk ? 'ipc' : 'http';
export const api: KioskApi = window.kiosk ?? httpApi();
