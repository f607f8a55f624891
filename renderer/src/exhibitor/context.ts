import { createContext, useContext } from 'react';
import type { KioskApi, MediaRef } from '../../../electron/shared/contract';

/** How the exhibitor screens are hosted: on a kiosk (on-screen keyboard, the kiosk core) or in the hub's portal. */
export type ExhibitorHost = {
  /** Where the exhibitor.* calls go (and projects.get for the preview): the kiosk core, or the hub's portal API. */
  api: KioskApi;
  /** A kiosk has no keyboard of its own and must never raise the system one; a phone or laptop has a real one. */
  keyboard: 'on-screen' | 'native';
  /** Adds a photo to a project (the portal only: a kiosk has no files to choose from). */
  uploadPhoto?: (projectId: string, file: File) => Promise<MediaRef>;
  /** Time zone of the times shown ("saved at"): the forum's on a kiosk; the browser's own when not given. */
  timeZone?: string;
};

export const ExhibitorHostContext = createContext<ExhibitorHost | null>(null);

export function useExhibitorHost(): ExhibitorHost {
  const host = useContext(ExhibitorHostContext);
  if (!host) throw new Error('useExhibitorHost outside ExhibitorHostContext');
  return host;
}
