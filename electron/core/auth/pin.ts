// Exhibitor PINs: never stored in plain text anywhere. The hub derives two independent values from a PIN, each with
// scrypt and its own salt:
//   verifier     — synced to kiosks, so a kiosk can check a PIN offline;
//   signing key  — kept by the hub only; a kiosk derives it from the PIN as typed and signs the exhibitor's edits.
// A kiosk therefore holds nothing that lets it sign for an exhibitor whose PIN it has not been given (docs/security.md).
import { createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { pinKdf, pinPattern, proofMessage, type PinKdf } from '../../shared/exhibitor-proof';

export type PinCredential = { verifySalt: string; verifier: string; signSalt: string; kdf: PinKdf };

const scryptOptions = (kdf: PinKdf) => ({ N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.n * kdf.r });

function derive(pin: string, salt: string, kdf: PinKdf): Buffer {
  return scryptSync(pin.normalize('NFKC'), Buffer.from(salt, 'base64url'), kdf.keyLength, scryptOptions(kdf));
}

/** The same derivation off the main thread (libuv's pool), so a login never freezes the screen or the hub. */
function deriveAsync(pin: string, salt: string, kdf: PinKdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), Buffer.from(salt, 'base64url'), kdf.keyLength, scryptOptions(kdf), (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Reads a stored kdf description; anything unexpected is refused rather than guessed at. */
export function parseKdf(text: string): PinKdf | null {
  try {
    const value = JSON.parse(text) as Partial<PinKdf>;
    const ok =
      value.algorithm === 'scrypt' &&
      [value.n, value.r, value.p, value.keyLength].every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0) &&
      Number.isInteger(Math.log2(value.n ?? 0)) &&
      (value.n ?? 0) <= 2 ** 20 &&
      (value.keyLength ?? 0) >= 16 &&
      (value.keyLength ?? 0) <= 64;
    return ok ? (value as PinKdf) : null;
  } catch {
    return null;
  }
}

/** Creates the stored values for a new PIN: the credential (synced to kiosks) and the signing key (hub only). */
export function createPinCredential(
  pin: string,
  kdf: PinKdf = pinKdf,
  /** Fixed salts, for the labelled demo content only (so a demo kiosk and a demo hub agree); random otherwise. */
  salts?: { verifySalt: string; signSalt: string },
): { credential: PinCredential; signingKey: string } {
  if (!pinPattern.test(pin)) throw new Error('A PIN is 4 to 8 digits');
  const verifySalt = salts?.verifySalt ?? randomBytes(16).toString('base64url');
  const signSalt = salts?.signSalt ?? randomBytes(16).toString('base64url');
  return {
    credential: { verifySalt, verifier: derive(pin, verifySalt, kdf).toString('base64url'), signSalt, kdf },
    signingKey: derive(pin, signSalt, kdf).toString('base64url'),
  };
}

/**
 * Checks a typed PIN against a credential in constant time. On success returns the signing key for this session
 * (derived from the typed PIN, kept in memory only); on failure null.
 */
export function verifyPin(pin: string, credential: PinCredential): string | null {
  if (!pinPattern.test(pin)) return null;
  const expected = Buffer.from(credential.verifier, 'base64url');
  const actual = derive(pin, credential.verifySalt, credential.kdf);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return derive(pin, credential.signSalt, credential.kdf).toString('base64url');
}

/** verifyPin without blocking the thread: scrypt runs in libuv's pool. */
export async function verifyPinAsync(pin: string, credential: PinCredential): Promise<string | null> {
  if (!pinPattern.test(pin)) return null;
  const expected = Buffer.from(credential.verifier, 'base64url');
  const actual = await deriveAsync(pin, credential.verifySalt, credential.kdf);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return (await deriveAsync(pin, credential.signSalt, credential.kdf)).toString('base64url');
}

export type ProofInput = Parameters<typeof proofMessage>[0];

/** The proof an edit carries: HMAC-SHA-256 of its canonical description under the exhibitor's signing key. */
export function signEdit(signingKey: string, input: ProofInput): string {
  return createHmac('sha256', Buffer.from(signingKey, 'base64url')).update(proofMessage(input), 'utf8').digest('base64url');
}

/** The hub's check of a proof, in constant time. */
export function proofIsValid(signingKey: string, input: ProofInput, proof: string): boolean {
  const expected = Buffer.from(signEdit(signingKey, input), 'base64url');
  const given = Buffer.from(proof, 'base64url');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A credential that only checks a PIN (staff kiosk PINs sign nothing): a salt and a scrypt verifier. */
export type PinVerifier = { verifySalt: string; verifier: string; kdf: PinKdf };

export function createPinVerifier(pin: string, kdf: PinKdf = pinKdf): PinVerifier {
  if (!pinPattern.test(pin)) throw new Error('A PIN is 4 to 8 digits');
  const verifySalt = randomBytes(16).toString('base64url');
  return { verifySalt, verifier: derive(pin, verifySalt, kdf).toString('base64url'), kdf };
}

/** Whether a typed PIN matches a verifier, in constant time, off the main thread. */
export async function pinMatchesAsync(pin: string, credential: PinVerifier): Promise<boolean> {
  if (!pinPattern.test(pin)) return false;
  const expected = Buffer.from(credential.verifier, 'base64url');
  const actual = await deriveAsync(pin, credential.verifySalt, credential.kdf);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
