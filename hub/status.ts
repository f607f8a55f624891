// `npm run hub -- status`: the fleet and the conflicts as text, for staff at the hub's terminal (the web dashboard is
// /staff/kiosks). Reads the store only.
import { onlineWithinMs } from './staff/fleet';
import type { ConflictRecord, DeviceStatus } from './store/hub-store';

const ago = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
};

export function formatStatus(devices: readonly DeviceStatus[], conflicts: readonly ConflictRecord[], now: number): string {
  const lines: string[] = [`Kiosks (${devices.length}):`];
  for (const d of devices) {
    const hb = d.lastHeartbeat;
    const state = d.revokedAt !== null ? 'REVOKED' : !hb ? 'never seen' : now - hb.receivedAt > onlineWithinMs ? `offline, last seen ${ago(now - hb.receivedAt)}` : 'online';
    lines.push(`  ${d.name || '(no name)'}  ${d.id}  ${state}`);
    if (hb) {
      const skew = Math.round((hb.kioskClock - hb.receivedAt) / 1000);
      lines.push(
        `    app ${hb.appVersion}, schema ${hb.schemaVersion}, mode ${hb.mode}, last sync ${hb.lastSyncAt === null ? 'never' : ago(now - hb.lastSyncAt)},` +
          ` outbox ${hb.outbox}, media backlog ${hb.mediaBacklog}, disk free ${hb.diskFreeBytes === null ? '?' : `${Math.round(hb.diskFreeBytes / 1024 ** 2)} MB`},` +
          ` memory ${Math.round(hb.memoryRssBytes / 1024 ** 2)} MB, up ${Math.round(hb.uptimeSeconds / 60)} min${Math.abs(skew) > 60 ? `, clock off by ${skew} s` : ''}`,
      );
      if (hb.lastError) lines.push(`    last error: ${hb.lastError}`);
    }
  }
  lines.push('', `Edit conflicts (${conflicts.length} most recent):`);
  for (const c of conflicts) {
    lines.push(
      `  ${new Date(c.createdAt).toISOString()}  ${c.table} ${c.key} ${c.field}: kept ${JSON.stringify(c.hub)}; kiosk ${c.deviceId} wanted ${JSON.stringify(c.kiosk)} (it saw ${JSON.stringify(c.base)})`,
    );
  }
  return lines.join('\n');
}
