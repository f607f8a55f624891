// The IPC transport: one channel in (`kiosk:invoke`), one channel out (`kiosk:event`), both to our one window.
// The HTTP transport serves the same `dispatch` and `events`; nothing about calls is written here twice.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../core/dispatch';
import type { EventHub } from '../core/events';
import { eventNames, type KioskError, type Result } from '../shared/contract';
import { eventChannel, invokeChannel } from '../shared/ipc';
import { isAppUrl } from './app-origin';

export type IpcTransportOptions = {
  window: BrowserWindow;
  /** null when the core could not open: calls then answer `unavailable` instead of hanging. */
  core: { dispatch: Dispatch; events: EventHub } | null;
};

/** Starts serving; returns a function that stops it (removes the handler and the event subscriptions). */
export function serveIpc({ window, core }: IpcTransportOptions): () => void {
  ipcMain.handle(invokeChannel, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, window)) {
      console.warn('[shell] refused an IPC call from', event.senderFrame?.url ?? 'a destroyed frame');
      return fail({ code: 'unknown_call', message: 'Calls are only accepted from the kiosk page.' });
    }
    if (!core) return fail({ code: 'unavailable', message: 'The kiosk is out of order.' });
    return await core.dispatch(name, input);
  });

  const unsubscribes = core
    ? eventNames.map((name) =>
        core.events.on(name, (payload) => {
          if (!window.isDestroyed()) window.webContents.send(eventChannel, name, payload);
        }),
      )
    : [];

  return () => {
    ipcMain.removeHandler(invokeChannel);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/**
 * The sender must be the main frame of our window, currently showing `app://kiosk`. A subframe, a page that
 * navigated away, or any other web contents (devtools, a future window) gets nothing, even with the preload.
 */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  if (window.isDestroyed() || event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.parent !== null || !isAppUrl(frame.url)) return false;
  const main = window.webContents.mainFrame;
  return frame.processId === main.processId && frame.routingId === main.routingId;
}

function fail(error: KioskError): Result<never> {
  return { ok: false, error };
}
