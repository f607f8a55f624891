// What the hub's staff commands do (`npm run hub -- exhibitor-pin | review | staff-add | staff-disable`); hub/main.ts
// only reads the command line and prints. Each returns the lines to print, or throws CommandError with the reason.
import { pinPattern } from '../../electron/shared/exhibitor-proof';
import { findExhibitor, randomPin, setExhibitorPin } from '../exhibitors';
import type { HubStore } from '../store/hub-store';
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

export async function staffDisableCommand(store: HubStore, rawLogin: string | undefined, now: number): Promise<{ lines: string[] }> {
  const login = normaliseLogin(rawLogin ?? '');
  if (!login) throw new CommandError('staff-disable needs the login.');
  if (!(await store.disableStaffAccount(login, now))) throw new CommandError(`No enabled staff account "${login}".`);
  return { lines: [`Staff account "${login}" disabled; its sessions ended. staff-add ${login} enables it again with a new password.`] };
}
