// What an exhibitor's edit carries to prove it was made by someone who knew the exhibitor's PIN (docs/security.md).
// The bytes signed are defined here once, for the kiosk (which signs) and the hub (which checks).
// Plain TypeScript: no node:, so both sides and the tests share it.

/** Key-derivation parameters for exhibitor PINs: scrypt with a per-exhibitor salt for each purpose. */
export type PinKdf = { algorithm: 'scrypt'; n: number; r: number; p: number; keyLength: number };

/**
 * Slow on purpose: one guess costs about 50–100 ms of one core of a kiosk. With 6-digit PINs this makes an offline
 * search of a stolen kiosk's verifiers take days of CPU, not seconds (the online attempt limit is the real control).
 */
export const pinKdf: PinKdf = { algorithm: 'scrypt', n: 2 ** 15, r: 8, p: 1, keyLength: 32 };

/** A PIN is 4 to 8 digits; anything else is refused before any key derivation. */
export const pinPattern = /^\d{4,8}$/;

/**
 * The exact text an edit's proof signs: the mutation's id (unique; the hub accepts each id once, from any kiosk),
 * the exhibitor, the kind and the payload (table, row, fields with their old and new values) in canonical JSON.
 * The kiosk's id and the mutation's order number are not signed: an edit saved before the kiosk was enrolled, or
 * renumbered after a reimage, keeps its proof.
 */
export function proofMessage(input: { mutationId: string; exhibitorId: string; kind: string; payload: unknown }): string {
  return ['kiosk-edit-v2', input.mutationId, input.exhibitorId, input.kind, canonicalJson(input.payload)].join('\n');
}

/** JSON with object keys in sorted order at every level, so both sides produce the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
