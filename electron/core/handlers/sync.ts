import type { SyncStatusInfo } from '../../shared/contract';
import type { HandlerPart } from '../dispatch';
import type { SyncPort, SyncStatus } from '../sync/sync-client';

/** The sync worker's status as the renderer sees it (times as ISO text). */
export function toStatusInfo(status: SyncStatus): SyncStatusInfo {
  return { ...status, lastSyncAt: status.lastSyncAt === null ? '' : new Date(status.lastSyncAt).toISOString() };
}

export function syncHandlers(deps: { sync: SyncPort }): HandlerPart {
  return {
    'sync.status': () => toStatusInfo(deps.sync.status()),
  };
}
