// What the hub's staff commands do (`npm run hub -- exhibitor-pin | review | staff-add | staff-disable | staff-pin`); hub/main.ts
// only reads the command line and prints. Each returns the lines to print, or throws CommandError with the reason.
import { pinPattern } from '../../electron/shared/exhibitor-proof';
import { findExhibitor, randomPin, setExhibitorPin } from '../exhibitors';
import type { HubStore } from '../store/hub-store';
import type { PinKdf } from '../../electron/shared/exhibitor-proof';
import { createVerifier, matchesVerifier, randomStaffPin, staffPinPattern, staffPinRow } from './kiosk-pin';
import { generatePassword, hashPassword, loginPattern, normaliseLogin, passwordProblem } from './password';

/** A command that cannot be carried out as asked; its message says why, for the person at the terminal. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Sets or resets an exhibitor's PIN (random unless given); the PIN is in the output, once, and stored nowhere. */
export async function exhibitorPinCommand(store: HubStore, who: string, pin: string | undefined, now: number): Promise<{ lines: string[]; exhibitorId: string; pin: string }> {
  if (pin !== undefined && !pinPattern.test(pin)) throw new CommandError('A PIN is 4 to 8 digits.');
  const exhibitor = await findExhibitor(store, who);
  if (!exhibitor) throw new CommandError(`No exhibitor with booth or id "${who}" (a booth shared by several exhibitors: give the exhibitor id).`);
  const record = await store.getRecord('exhibitors', JSON.stringify([exhibitor.id]));
  const name = String(record?.row?.name_ru ?? exhibitor.id);
  const set = await setExhibitorPin(store, exhibitor.id, pin ?? randomPin(), now);
  return {
    exhibitorId: exhibitor.id,
    pin: set,
    lines: [
      `PIN for ${name} (booth ${exhibitor.booth}, id ${exhibitor.id}): ${set}`,
      'Shown only now: hand it to the exhibitor in person. Kiosks learn it at their next sync;',
      'edits signed with an earlier PIN are refused from now on.',
    ],
  };
}

/** Turns staff review of exhibitors' edits on or off. Edits already waiting stay in the queue until decided. */
export async function reviewCommand(store: HubStore, value: string | undefined): Promise<{ lines: string[] }> {
  if (value !== 'on' && value !== 'off') throw new CommandError('review takes "on" or "off".');
  await store.setSetting('review_edits', value === 'on' ? '1' : '0');
  const waiting = (await store.pendingReviews(1000)).length;
  return {
    lines: [
      value === 'on'
        ? 'Review is on: exhibitors\u2019 edits wait for staff approval at /staff/reviews before visitors see them.'
        : 'Review is off: exhibitors\u2019 edits show to visitors as soon as they reach the hub.',
      ...(waiting > 0 ? [`${waiting} edit(s) already waiting stay in the queue until decided at /staff/reviews.`] : []),
    ],
  };
}

/**
 * Creates a staff account, or sets a new password for an existing one (enabling it again; its sessions end). Without
 * `password` a strong one is generated and printed once.
 */
export async function staffAddCommand(store: HubStore, rawLogin: string | undefined, password: string | undefined, now: number): Promise<{ lines: string[]; login: string; password: string }> {
  const login = normaliseLogin(rawLogin ?? '');
  if (!loginPattern.test(login)) throw new CommandError('A staff login is 1 to 40 letters (a–z), digits, ".", "-" or "_", starting with a letter or digit.');
  const chosen = password ?? generatePassword();
  const problem = passwordProblem(chosen);
  if (problem) throw new CommandError(problem);
  const outcome = await store.setStaffPassword(login, await hashPassword(chosen), now);
  const what = outcome === 'created' ? `Staff account "${login}" created.` : `New password set for staff account "${login}" (enabled; its sessions ended).`;
  return {
    login,
    password: chosen,
    lines: password === undefined ? [what, `Password (shown only now): ${chosen}`, 'Log in at the hub\u2019s address followed by /staff/login, e.g. http://192.168.1.10:5190/staff/login'] : [what],
  };
}

/** Disables a staff account: its sessions end, and its kiosk PIN leaves every kiosk at their next sync (a tombstone). */
export async function staffDisableCommand(store: HubStore, rawLogin: string | undefined, now: number): Promise<{ lines: string[] }> {
  const login = normaliseLogin(rawLogin ?? '');
  if (!login) throw new CommandError('staff-disable needs the login.');
  const disabled = await store.disableStaffAccount(login, now);
  // The PIN goes even when the account was already disabled: a disabled account never keeps a kiosk PIN.
  const hadPin = await removeStaffPin(store, login, now);
  if (!disabled) throw new CommandError(`No enabled staff account "${login}".${hadPin ? ' Its kiosk PIN was removed.' : ''}`);
  return {
    lines: [
      `Staff account "${login}" disabled; its sessions ended.${hadPin ? ' Its kiosk PIN is withdrawn: kiosks drop it at their next sync.' : ''}`,
      `staff-add ${login} enables it again with a new password; staff-pin ${login} gives it a new kiosk PIN.`,
    ],
  };
}

/** Tombstones a staff member's staff_pins record; whether there was one. */
export async function removeStaffPin(store: HubStore, staffId: string, now: number): Promise<boolean> {
  const key = JSON.stringify([staffId]);
  if (!(await store.getRecord('staff_pins', key))?.row) return false;
  await store.writeRecords([{ table: 'staff_pins', key, row: null }], now);
  return true;
}

/** How many random PINs staff-pin tries before giving up (each one collides with another's PIN with tiny odds). */
const randomPinTries = 20;

/**
 * Sets (or resets) a staff member's PIN for the kiosks' staff mode: random 6 digits unless given (6 to 8 digits). No
 * two staff members share a PIN, since a kiosk knows who logs in by the PIN alone: a random one that equals another
 * staff member's is drawn again, a given one is refused. The verifier travels to kiosks as a staff_pins record; the
 * PIN is in the output, once, and stored nowhere.
 */
export async function staffPinCommand(
  store: HubStore,
  rawLogin: string | undefined,
  pin: string | undefined,
  now: number,
  options: { kdf?: PinKdf; randomPin?: () => string } = {},
): Promise<{ lines: string[]; login: string; pin: string }> {
  const login = normaliseLogin(rawLogin ?? '');
  if (!login) throw new CommandError('staff-pin needs the login.');
  if (pin !== undefined && !staffPinPattern.test(pin)) throw new CommandError('A staff PIN is 6 to 8 digits.');
  const account = await store.staffAccount(login);
  if (!account) throw new CommandError(`No staff account "${login}" (create it with staff-add ${login}).`);
  if (account.disabledAt !== null) throw new CommandError(`Staff account "${login}" is disabled; staff-add ${login} enables it again.`);

  const others = (await store.listRecords('staff_pins')).flatMap((r) => (r.row && r.row.staff_id !== login ? [r.row] : []));
  // scrypt runs in libuv's pool, so the verifiers are checked side by side.
  const takenByOther = async (candidate: string): Promise<boolean> => (await Promise.all(others.map((row) => matchesVerifier(candidate, row)))).some(Boolean);
  let chosen: string | null = null;
  if (pin !== undefined) {
    if (await takenByOther(pin)) throw new CommandError('Another staff member already has this PIN; choose another, or leave out --pin for a random one.');
    chosen = pin;
  } else {
    for (let i = 0; i < randomPinTries && chosen === null; i++) {
      const candidate = (options.randomPin ?? randomStaffPin)();
      if (!(await takenByOther(candidate))) chosen = candidate;
    }
    if (chosen === null) throw new CommandError('Could not draw a PIN that no other staff member has; try again.');
  }
  const verifier = await createVerifier(chosen, options.kdf);
  await store.writeRecords([{ table: 'staff_pins', key: JSON.stringify([login]), row: staffPinRow(login, verifier) }], now);
  return {
    login,
    pin: chosen,
    lines: [
      `Kiosk staff PIN for "${login}": ${chosen}`,
      'Shown only now: hand it over in person. Kiosks learn it at their next sync; an earlier PIN of this login stops working then.',
    ],
  };
}
