import { createContext, useContext } from 'react';
import type { KioskInfo } from '../../../electron/shared/contract';

export const KioskInfoContext = createContext<KioskInfo | null>(null);

/** The kiosk's identity, forum and settings, loaded once at start (App). */
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
