import { describe, expect, it } from 'vitest';
import { createPinCredential, parseKdf, proofIsValid, signEdit, verifyPin, verifyPinAsync } from '../../../electron/core/auth/pin';
import { afterFailure, afterSuccess, delayAfter, waitFor } from '../../../electron/core/auth/throttle';
import { canonicalJson, type PinKdf } from '../../../electron/shared/exhibitor-proof';
import { demoPin, demoPinKdf, demoPins } from '../../../db/demo/pins';

// A cheap KDF keeps the test fast; the real parameters only change the cost per guess.
const fastKdf: PinKdf = { algorithm: 'scrypt', n: 2 ** 10, r: 8, p: 1, keyLength: 32 };

const edit = { mutationId: 'm-1', exhibitorId: 'ex-7', kind: 'edit', payload: { table: 'projects', key: '["p-1"]', changes: { summary_ru: { from: 'a', to: 'b' } } } };

describe('exhibitor PINs', () => {
  it('verifies the right PIN and refuses a wrong one or a non-PIN; nothing stored reveals the PIN', () => {
    const { credential, signingKey } = createPinCredential('482915', fastKdf);
    expect(JSON.stringify(credential)).not.toContain('482915');
    expect(verifyPin('482915', credential)).toBe(signingKey);
    expect(verifyPin('482916', credential)).toBeNull();
    expect(verifyPin('48291', credential)).toBeNull();
    expect(verifyPin('48a915', credential)).toBeNull();
    expect(() => createPinCredential('12', fastKdf)).toThrow();
  });

  it('keeps the signing key independent of what kiosks hold: the verifier alone cannot sign', () => {
    const { credential, signingKey } = createPinCredential('123456', fastKdf);
    expect(credential.verifier).not.toBe(signingKey);
    const forged = signEdit(credential.verifier, edit);
    expect(proofIsValid(signingKey, edit, forged)).toBe(false);
  });

  it('binds a proof to the mutation, the exhibitor, the kind and every byte of the payload', async () => {
    const { credential, signingKey } = createPinCredential('123456', fastKdf);
    expect(await verifyPinAsync('123456', credential)).toBe(signingKey);
    expect(await verifyPinAsync('654321', credential)).toBeNull();
    const proof = signEdit(signingKey, edit);
    expect(proofIsValid(signingKey, edit, proof)).toBe(true);
    expect(proofIsValid(signingKey, { ...edit, mutationId: 'm-2' }, proof)).toBe(false);
    expect(proofIsValid(signingKey, { ...edit, kind: 'other' }, proof)).toBe(false);
    expect(proofIsValid(signingKey, { ...edit, exhibitorId: 'ex-8' }, proof)).toBe(false);
    expect(proofIsValid(signingKey, { ...edit, payload: { ...edit.payload, key: '["p-2"]' } }, proof)).toBe(false);
    expect(proofIsValid(signingKey, edit, 'not-a-proof')).toBe(false);
  });

  it('reads only sane stored KDF parameters', () => {
    expect(parseKdf(JSON.stringify(fastKdf))).toEqual(fastKdf);
    expect(parseKdf('{"algorithm":"scrypt","n":1000,"r":8,"p":1,"keyLength":32}')).toBeNull();
    expect(parseKdf('{"algorithm":"md5","n":1024,"r":8,"p":1,"keyLength":32}')).toBeNull();
    expect(parseKdf('not json')).toBeNull();
  });

  it('signs a canonical form: key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 'x' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":"x","z":0}]},"b":1}');
  });
});

describe('wrong-PIN delays', () => {
  it('lets three attempts through, then doubles the delay up to a cap of 15 minutes', () => {
    expect([0, 1, 2].map(delayAfter)).toEqual([0, 0, 0]);
    expect(delayAfter(3)).toBe(30_000);
    expect(delayAfter(4)).toBe(60_000);
    expect(delayAfter(20)).toBe(15 * 60_000);
  });

  it('makes the person wait after repeated failures, forgets them after a success', () => {
    let state = afterSuccess();
    const now = 1_000_000;
    for (let i = 0; i < 4; i++) state = afterFailure(state, now);
    expect(waitFor(state, now)).toBe(60_000);
    expect(waitFor(state, now + 59_000)).toBe(1_000);
    expect(waitFor(state, now + 60_000)).toBe(0);
    expect(waitFor(afterSuccess(), now)).toBe(0);
  });

  it('is not stretched by a clock set back, nor does the delay exceed the cap', () => {
    let state = afterSuccess();
    for (let i = 0; i < 5; i++) state = afterFailure(state, 5_000_000);
    expect(waitFor(state, 5_000_000 - 24 * 3_600_000)).toBe(delayAfter(5));
  });
});

describe('demo exhibitor logins (demo content)', () => {
  it('match the demo PIN with the real KDF, and a wrong PIN fails', async () => {
    for (const pin of demoPins) {
      const credential = { verifySalt: pin.verifySalt, verifier: pin.verifier, signSalt: pin.signSalt, kdf: demoPinKdf };
      expect(await verifyPinAsync(demoPin, credential), pin.exhibitorId).toBe(pin.signingKey);
    }
    const first = demoPins[0];
    if (!first) throw new Error('no demo pins');
    expect(await verifyPinAsync('000000', { ...first, kdf: demoPinKdf })).toBeNull();
  });
});
