// The sandboxed preload: gives the page one frozen object, `window.kiosk`, implementing the contract's KioskApi.
// It never hands out ipcRenderer or the IPC event object; the page can only name a contract call or event.
// Bundled into one CommonJS file (a sandboxed preload cannot require anything but a few electron modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  isCallName,
  isEventName,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type Events,
  type KioskApi,
  type KioskError,
  type Result,
} from '../shared/contract';
import { eventChannel, invokeChannel } from '../shared/ipc';

async function invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
  // The page is untrusted: a name outside the contract never reaches the main process.
  if (!isCallName(name)) {
    return fail({ code: 'unknown_call', message: `Unknown call: ${String(name).slice(0, 80)}` });
  }
  try {
    const result: unknown = await ipcRenderer.invoke(invokeChannel, name, input);
    return result as Result<CallOutput<N>>;
  } catch (error) {
    // Input that cannot be structured-cloned (a function, a DOM node) fails here, before the main process sees it.
    if (error instanceof Error && /clone/i.test(error.message)) {
      return fail({ code: 'invalid_input', message: `Invalid input for ${name}: it cannot be sent` });
    }
    return fail({ code: 'unavailable', message: 'The kiosk could not answer this request.' });
  }
}

function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  if (!isEventName(event) || typeof listener !== 'function') {
    console.warn('[kiosk] ignored a subscription to', String(event).slice(0, 80));
    return () => undefined;
  }
  const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
    if (name !== event) return;
    try {
      listener(payload as Events[E]);
    } catch (error) {
      console.error(`[kiosk] a listener of ${event} failed`, error);
    }
  };
  ipcRenderer.on(eventChannel, forward);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipcRenderer.removeListener(eventChannel, forward);
  };
}

function fail(error: KioskError): Result<never> {
  return { ok: false, error };
}

const api: KioskApi = { invoke, on };
contextBridge.exposeInMainWorld('kiosk', Object.freeze(api));
