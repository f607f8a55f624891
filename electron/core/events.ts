import type { EventName, Events } from '../shared/contract';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/** The core's outgoing events; each transport subscribes once and forwards them to its renderers. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`[core] a listener of ${event} failed`, error);
      }
    }
  }
}
