// Exhibitors' PINs on the hub: set by staff (CLI, later the hub's pages), verifiers synced to kiosks.
import { randomInt } from 'node:crypto';
import { createPinCredential } from '../electron/core/auth/pin';
import { pinKdf, type PinKdf } from '../electron/shared/exhibitor-proof';
import { loginKey } from '../db/queries/exhibitor';
import type { HubStore } from './store/hub-store';

/** A random 6-digit PIN, from a cryptographic source. */
export function randomPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * Finds an exhibitor by id, or by booth number as staff and exhibitors write it. A booth shared by several exhibitors
 * names none of them (each uses their exhibitor id), so a PIN never goes to the wrong one.
 */
export async function findExhibitor(store: HubStore, login: string): Promise<{ id: string; booth: string } | null> {
  const rows = (await store.listRecords('exhibitors')).flatMap((r) => (r.row ? [r.row] : []));
  const byId = rows.find((row) => String(row.id).toLowerCase() === login.trim().toLowerCase());
  const wanted = loginKey(login);
  const byBooth = wanted ? rows.filter((row) => loginKey(String(row.booth)) === wanted) : [];
  const row = byId ?? (byBooth.length === 1 ? byBooth[0] : undefined);
  return row ? { id: String(row.id), booth: String(row.booth) } : null;
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
