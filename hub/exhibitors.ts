// Exhibitors' PINs on the hub: set by staff (CLI, later the hub's pages), verifiers synced to kiosks.
import { randomInt } from 'node:crypto';
import { createPinCredential } from '../electron/core/auth/pin';
import { pinKdf, type PinKdf } from '../electron/shared/exhibitor-proof';
import type { HubStore } from './store/hub-store';

/** A random 6-digit PIN, from a cryptographic source. */
export function randomPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Finds an exhibitor by id or booth number (as staff and exhibitors know it), case-insensitively. */
export async function findExhibitor(store: HubStore, login: string): Promise<{ id: string; booth: string } | null> {
  const wanted = login.trim().toLowerCase();
  for (const record of await store.listRecords('exhibitors')) {
    const row = record.row;
    if (!row) continue;
    if (String(row.id).toLowerCase() === wanted || String(row.booth).toLowerCase() === wanted) return { id: String(row.id), booth: String(row.booth) };
  }
  return null;
}

/** Sets (or resets) an exhibitor's PIN; returns it so staff can hand it over. */
export async function setExhibitorPin(
  store: HubStore,
  exhibitorId: string,
  pin: string = randomPin(),
  now = Date.now(),
  options: { kdf?: PinKdf; salts?: { verifySalt: string; signSalt: string } } = {},
): Promise<string> {
  const { credential, signingKey } = createPinCredential(pin, options.kdf ?? pinKdf, options.salts);
  await store.setExhibitorCredential(exhibitorId, credential, signingKey, now);
  return pin;
}
