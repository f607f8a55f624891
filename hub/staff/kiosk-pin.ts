// Staff members' PINs for the kiosks' staff mode (docs/staff.md). Like an exhibitor's PIN, a staff PIN is never stored:
// the hub keeps, and syncs to every kiosk as a staff_pins record, only a scrypt verifier with its own random salt, so a
// kiosk checks a typed PIN offline. Staff PINs sign nothing, so there is no signing key. A kiosk knows a staff member
// by the PIN alone, which is why no two staff members may share one (checked here against every other verifier).
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { parseKdf } from '../../electron/core/auth/pin';
import { pinKdf, type PinKdf } from '../../electron/shared/exhibitor-proof';
import type { WireRow } from '../../db/sync-tables';

/** A staff PIN: 6 to 8 digits (exhibitors may have 4; staff control every kiosk). */
export const staffPinPattern = /^\d{6,8}$/;

export type StaffVerifier = { verifySalt: string; verifier: string; kdf: PinKdf };

const derive = (pin: string, salt: string, kdf: PinKdf): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), Buffer.from(salt, 'base64url'), kdf.keyLength, { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.n * kdf.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/** A random 6-digit staff PIN, from a cryptographic source. */
export const randomStaffPin = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The verifier of a new PIN, with a fresh random salt (the same derivation the kiosk checks: electron/core/auth/pin.ts). */
export async function createVerifier(pin: string, kdf: PinKdf = pinKdf): Promise<StaffVerifier> {
  if (!staffPinPattern.test(pin)) throw new Error('A staff PIN is 6 to 8 digits');
  const verifySalt = randomBytes(16).toString('base64url');
  return { verifySalt, verifier: (await derive(pin, verifySalt, kdf)).toString('base64url'), kdf };
}

/** Whether `pin` is the PIN of a staff_pins row, in constant time; a row with an unreadable kdf matches nothing. */
export async function matchesVerifier(pin: string, row: WireRow): Promise<boolean> {
  const kdf = parseKdf(String(row.kdf ?? ''));
  if (!kdf || typeof row.verify_salt !== 'string' || typeof row.verifier !== 'string') return false;
  const expected = Buffer.from(row.verifier, 'base64url');
  const actual = await derive(pin, row.verify_salt, kdf);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The staff_pins record of a staff member (staff_id and name are the hub login). */
export function staffPinRow(login: string, verifier: StaffVerifier): WireRow {
  return { staff_id: login, name: login, verify_salt: verifier.verifySalt, verifier: verifier.verifier, kdf: JSON.stringify(verifier.kdf) };
}
