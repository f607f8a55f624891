// Staff passwords: created on the hub's command line (there is no default account and no default password), kept only
// as scrypt with a random salt, checked in constant time. Slow on purpose, and off the main thread (libuv's pool), so a
// login costs a guesser tens of milliseconds and never freezes the hub for the kiosks.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { parseKdf } from '../../electron/core/auth/pin';
import type { PinKdf } from '../../electron/shared/exhibitor-proof';

/** The same scrypt description as exhibitors' PINs (stored with each hash, so it can be raised later). */
export const passwordKdf: PinKdf = { algorithm: 'scrypt', n: 2 ** 15, r: 8, p: 1, keyLength: 32 };

export const minPasswordLength = 12;
/** Long enough for any passphrase; a bound so nobody makes the hub hash megabytes. */
export const maxPasswordLength = 200;

/** Logins are lower-case names staff type: letters, digits, dot, dash and underscore. */
export const loginPattern = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export const normaliseLogin = (text: string): string => text.trim().toLowerCase();

/** Why a password cannot be used, in words for the CLI, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < minPasswordLength) return `A staff password has at least ${minPasswordLength} characters.`;
  if (password.length > maxPasswordLength) return `A staff password has at most ${maxPasswordLength} characters.`;
  if (/\p{Cc}/u.test(password)) return 'A staff password cannot contain control characters (line breaks, tabs).';
  return null;
}

/** A strong password to hand over once: 144 random bits as 24 characters that survive copying. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function derive(password: string, salt: string, kdf: PinKdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFC: the same password typed on another keyboard or system gives the same bytes.
    scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), kdf.keyLength, { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.n * kdf.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export type StoredPassword = { hash: string; salt: string; kdf: string };

export async function hashPassword(password: string, kdf: PinKdf = passwordKdf): Promise<StoredPassword> {
  const salt = randomBytes(16).toString('base64url');
  return { hash: (await derive(password, salt, kdf)).toString('base64url'), salt, kdf: JSON.stringify(kdf) };
}

/** Hashed for a login that does not exist, so that "no such login" takes as long as "wrong password". */
const absentSalt = randomBytes(16).toString('base64url');

/**
 * Checks a typed password against an account's stored hash in constant time. `account` null (unknown or disabled
 * login) still costs one derivation and answers false: the time taken does not tell which logins exist.
 */
export async function verifyPassword(password: string, account: { passwordHash: string; passwordSalt: string; kdf: string } | null): Promise<boolean> {
  const kdf = account ? parseKdf(account.kdf) : null;
  if (!account || !kdf || password.length > maxPasswordLength) {
    await derive(password.slice(0, maxPasswordLength), absentSalt, passwordKdf);
    return false;
  }
  const expected = Buffer.from(account.passwordHash, 'base64url');
  const actual = await derive(password, account.passwordSalt, kdf);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
