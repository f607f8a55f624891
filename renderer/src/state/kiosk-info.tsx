import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { KioskInfo } from '../../../electron/shared/contract';
import { api } from '../api/client';
import { useCall, type CallState } from '../api/use-call';

export const KioskInfoContext = createContext<KioskInfo | null>(null);

/**
 * The kiosk's info for the shell (App): loaded at start (and again after a catalog change), then kept current by
 * `kiosk.changed` (staff changed the name, position, idle timeout or default language). `refresh` asks again at once,
 * for the staff panel, which need not wait for the event.
 */
export function useLiveKioskInfo(): { state: CallState<KioskInfo>; refresh: () => void } {
  const loaded = useCall('kiosk.info', {});
  const base = loaded.status === 'ok' ? loaded.value : null;
  // The newest info heard since `base` was loaded; a later load of kiosk.info (a catalog change) is newer still.
  const [heard, setHeard] = useState<{ over: KioskInfo | null; info: KioskInfo } | null>(null);
  const baseRef = useRef(base);
  useEffect(() => {
    baseRef.current = base;
  }, [base]);
  useEffect(() => api.on('kiosk.changed', (info) => setHeard({ over: baseRef.current, info })), []);
  const refresh = useCallback(() => {
    void api.invoke('kiosk.info', {}).then((result) => {
      if (result.ok) setHeard({ over: baseRef.current, info: result.value });
    });
  }, []);
  const state: CallState<KioskInfo> = heard && heard.over === base && loaded.status === 'ok' ? { status: 'ok', value: heard.info } : loaded;
  return { state, refresh };
}

/** The kiosk's identity, forum and settings (App keeps them current). */
export function useKioskInfo(): KioskInfo {
  const info = useContext(KioskInfoContext);
  if (!info) throw new Error('useKioskInfo outside KioskInfoContext');
  return info;
}

/** Formats an instant in the forum's own time zone (the hall's clock, whatever the kiosk's OS says). */
export function useForumTime() {
  const info = useKioskInfo();
  const timeZone = info.forum?.timezone ?? 'Asia/Omsk';
  return (iso: string, language: 'ru' | 'en', options: Intl.DateTimeFormatOptions) =>
    new Date(iso).toLocaleString(language === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, ...options });
}
