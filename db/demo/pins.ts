// Demo content only: three demo exhibitors can log in with the demo PIN, so the exhibitor screens can be tried on a
// kiosk or a hub that runs the demo forum. Their verifiers and signing keys are computed once with the real KDF
// (electron/shared/exhibitor-proof.ts, pinKdf) from fixed salts, so a demo kiosk and a demo hub agree, and nothing
// slow runs at start-up. tests/unit/core/auth.test.ts checks them against the PIN. Real PINs are set on the hub
// (`npm run hub -- exhibitor-pin <booth>`) and are never fixed in code.
import { pinKdf } from '../../electron/shared/exhibitor-proof';

/** The PIN of every demo exhibitor login (demo content, labelled as such in the README). */
export const demoPin = '123456';

export type DemoPin = { exhibitorId: string; verifySalt: string; verifier: string; signSalt: string; signingKey: string };

export const demoPinKdf = pinKdf;

export const demoPins: readonly DemoPin[] = [
  { exhibitorId: 'omsk-team', verifySalt: 'ANytRGKV_tKbM31KT3wkfA', verifier: 'YVDGTxpUoVHyCKHDi53f_aGx0oy2mNHZJh4UQoBLnmo', signSalt: '6zU36TC9HI0j_wtggP6ypA', signingKey: '92_XaHoHtdPghAXxOJkHV8j34xpmzmM8TJsxz71BlOI' },
  { exhibitorId: 'omsk-petrochem', verifySalt: 'NOmGJEsjfE9PBRoP3ELAHg', verifier: 'MRnOasD3_oegj8gaQ3I84GEU1fKSBpcaYn2YY9wSJjM', signSalt: 'ON4VIcF4Io08tZ3Dkhh9dw', signingKey: '6fkP4iQa4UCwozQ0AH4-zBS8k0X3vRFudulQ_jUpQjs' },
  { exhibitorId: 'omsk-polymer', verifySalt: '8TIe7MiXiNRNJwvybiXRdg', verifier: 'uiZpx6CuWC6uODjWuwGN9vC_7LQ5Ae_cCDxRDZ1C14U', signSalt: 'ymvd6dk_QJV44NrGxqEGXA', signingKey: 'wnJTzB8dnVFTN4APyFEz6tn3OrZRpoE80-3V7Kmuam0' },
];

/** The kiosk PIN of the demo staff member (demo content): staff mode can be tried on a kiosk running the demo forum. */
export const demoStaffPin = '246810';

/** The demo staff member's verifier, computed once with pinKdf from a fixed salt. Removed by a real-content import. */
export const demoStaff = {
  staffId: 'demo-staff',
  name: 'Демо-персонал (demo staff)',
  verifySalt: 'vo6ePhH5qChoTrkCLthOeQ',
  verifier: 'KRxCduP8MaCcw9qx65EDGZ79XClFPtvbn2DwoN5fNCY',
} as const;
