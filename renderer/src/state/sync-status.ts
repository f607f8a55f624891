import { useEffect, useState } from 'react';
import type { SyncStatusInfo } from '../../../electron/shared/contract';
import { api } from '../api/client';

/** Where sync with the hub stands (last sync, pending edits, offline…), kept current by `sync.status` events. */
export function useSyncStatus(): SyncStatusInfo | null {
  const [status, setStatus] = useState<SyncStatusInfo | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on('sync.status', (next) => setStatus(next));
    void api.invoke('sync.status', {}).then((result) => {
      if (live && result.ok) setStatus((current) => current ?? result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

/** The later of two ISO instants ('' counts as never). */
export function latest(a: string, b: string | undefined): string {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
