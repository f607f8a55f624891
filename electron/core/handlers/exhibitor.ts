// Exhibitors edit their own entries at this kiosk, even offline (docs/security.md).
// One session at a time (one screen): it lives in memory only and ends on logout, on the attract loop, or after a
// few idle minutes, so nothing of it remains for the next person. The signing key derived from the typed PIN is
// held for the session and never written anywhere.
import { normaliseEditText } from '../../../db/edit-check';
import {
  editableItems,
  exhibitorStats,
  findLoginTarget,
  itemTitle,
  outboxEdit,
  outboxEditsOf,
  pinCredential,
  readAttempts,
  writeAttempts,
  type OutboxEditRow,
} from '../../../db/queries/exhibitor';
import type { Db } from '../../../db/connection';
import type { EditableTable, WireRow } from '../../../db/sync-tables';
import type { EditRecord, EditState, ExhibitorSession } from '../../shared/contract';
import { editPayload, mutationResult } from '../../shared/sync-protocol';
import { pinKdf } from '../../shared/exhibitor-proof';
import { parseKdf, verifyPinAsync } from '../auth/pin';
import { afterFailure, afterSuccess, waitFor } from '../auth/throttle';
import { CallError, type HandlerPart } from '../dispatch';
import { EditError } from '../sync/outbox';
import type { SyncPort } from '../sync/sync-client';

/** A session with no exhibitor call for this long ends by itself (the screen's idle reset normally ends it sooner). */
export const exhibitorSessionIdleMs = 5 * 60_000;

type Session = ExhibitorSession & { signingKey: string; verifier: string; lastUsed: number };

const unauthorized = (message = 'Log in as an exhibitor first.'): CallError => new CallError({ code: 'unauthorized', message });

export type ExhibitorSessions = {
  handlers: HandlerPart;
  end(): void;
  active(): boolean;
  /** After a sync: an exhibitor whose PIN was reset or removed at the hub is logged out (their key no longer signs). */
  checkCredentials(): void;
};

/** Costs as much to check as a real credential and matches no PIN (its verifier is not a derivation of any). */
const decoyCredential = { verifySalt: 'ZGVjb3ktc2FsdA', verifier: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', signSalt: 'ZGVjb3ktc2lnbg', kdf: pinKdf };

export function exhibitorHandlers(deps: { db: Db; sync: SyncPort; now: () => Date; log?: (line: string) => void }): ExhibitorSessions {
  const { db } = deps;
  let session: Session | null = null;
  // A login in progress: a second one waits its turn, so parallel guesses cannot slip past the delay.
  let verifying = false;

  /** The session if it has not run out; `touch` counts this as the exhibitor's activity. */
  const current = (touch = true): Session | null => {
    if (session && deps.now().getTime() - session.lastUsed > exhibitorSessionIdleMs) session = null;
    if (session && touch) session.lastUsed = deps.now().getTime();
    return session;
  };
  const required = (): Session => {
    const s = current();
    if (!s) throw unauthorized();
    return s;
  };
  const publicPart = (s: Session): ExhibitorSession => ({ exhibitorId: s.exhibitorId, name: s.name, booth: s.booth });

  const handlers: HandlerPart = {
    'exhibitor.login': async ({ login, pin }) => {
      if (verifying) throw new CallError({ code: 'rate_limited', message: 'Another login is being checked.', retryAfterSeconds: 1 });
      verifying = true;
      try {
        session = null;
        const target = findLoginTarget(db, login);
        const stored = target ? pinCredential(db, target.id) : null;
        const kdf = stored ? parseKdf(stored.kdf) : null;
        // Unknown booths and exhibitors without a PIN get the same answer as a wrong PIN, after as long a wait: a
        // derivation against a throwaway credential, so the answer's timing does not tell which booths have a PIN.
        if (!target || !stored || !kdf) {
          await verifyPinAsync(pin, decoyCredential);
          throw unauthorized('The booth number or the PIN is wrong.');
        }
        const subject = `exhibitor:${target.id}`;
        const wait = waitFor(readAttempts(db, subject), deps.now().getTime());
        if (wait > 0) throw new CallError({ code: 'rate_limited', message: 'Too many wrong PINs; wait a moment.', retryAfterSeconds: Math.ceil(wait / 1000) });
        const signingKey = await verifyPinAsync(pin, { verifySalt: stored.verifySalt, verifier: stored.verifier, signSalt: stored.signSalt, kdf });
        if (!signingKey) {
          const next = afterFailure(readAttempts(db, subject), deps.now().getTime());
          writeAttempts(db, subject, next);
          deps.log?.(`exhibitor login refused for ${target.id} (${next.failures} wrong in a row)`);
          const retry = waitFor(next, deps.now().getTime());
          throw new CallError({
            code: 'unauthorized',
            message: 'The booth number or the PIN is wrong.',
            ...(retry > 0 ? { retryAfterSeconds: Math.ceil(retry / 1000) } : {}),
          });
        }
        writeAttempts(db, subject, afterSuccess());
        session = { exhibitorId: target.id, name: target.name, booth: target.booth, signingKey, verifier: stored.verifier, lastUsed: deps.now().getTime() };
        deps.log?.(`exhibitor ${target.id} logged in`);
        return publicPart(session);
      } finally {
        verifying = false;
      }
    },

    'exhibitor.logout': () => {
      session = null;
      return null;
    },

    'exhibitor.session': () => {
      const s = current();
      return s ? publicPart(s) : null;
    },

    'exhibitor.entry': () => {
      const s = required();
      return { session: publicPart(s), items: editableItems(db, s.exhibitorId) };
    },

    'exhibitor.save': ({ target, id, values }) => {
      const s = required();
      const table: EditableTable = target === 'exhibitor' ? 'exhibitors' : 'projects';
      const tidy: WireRow = Object.fromEntries(Object.entries(values).map(([field, value]) => [field, typeof value === 'string' ? normaliseEditText(value) : value]));
      try {
        const entry = deps.sync.recordEdit(table, id, tidy, { exhibitorId: s.exhibitorId, signingKey: s.signingKey });
        const row = outboxEdit(db, entry.id);
        if (!row) throw new Error(`The edit ${entry.id} is not in the outbox`);
        return toEditRecord(db, row);
      } catch (error) {
        if (!(error instanceof EditError)) throw error;
        if (error.code === 'not_found') throw new CallError({ code: 'not_found', message: 'This entry no longer exists.' });
        if (error.code === 'not_owner') throw unauthorized('This entry belongs to another exhibitor.');
        throw new CallError({
          code: 'invalid_input',
          message: error.code === 'no_change' ? 'Nothing has changed.' : 'Some fields cannot be saved as they are.',
          issues: [{ path: error.field ?? '', message: error.code }],
        });
      }
    },

    'exhibitor.stats': () => exhibitorStats(db, required().exhibitorId),

    'exhibitor.edits': () => {
      const s = required();
      return outboxEditsOf(db, s.exhibitorId, 50).map((row) => toEditRecord(db, row));
    },
  };

  return {
    handlers,
    end: () => {
      session = null;
    },
    // Asked on every visitor event by the usage counter: must not keep an abandoned session alive.
    active: () => current(false) !== null,
    checkCredentials: () => {
      if (session && pinCredential(db, session.exhibitorId)?.verifier !== session.verifier) {
        deps.log?.(`exhibitor ${session.exhibitorId} logged out: PIN changed at the hub`);
        session = null;
      }
    },
  };
}

/** Where an edit made here stands, from the outbox, the hub's answer and a later staff decision. */
export function toEditRecord(db: Db, row: OutboxEditRow): EditRecord {
  const payload = editPayload.parse(JSON.parse(row.payload));
  const parsedResult = row.result ? mutationResult.safeParse(JSON.parse(row.result)) : null;
  const result = parsedResult?.success ? parsedResult.data : null;
  const table = payload.table;
  const id = (JSON.parse(payload.key) as unknown[])[0];
  let state: EditState;
  let reason = '';
  switch (row.status) {
    case 'pending':
      state = 'saved';
      break;
    case 'applied':
      state = 'published';
      break;
    case 'conflict':
      state = 'conflict';
      break;
    case 'rejected':
      state = 'rejected';
      reason = result?.reason ?? '';
      break;
    case 'review':
      state = row.review_status ?? 'review';
      reason = row.review_reason ?? '';
      break;
  }
  return {
    id: row.id,
    target: table === 'exhibitors' ? 'exhibitor' : 'project',
    targetId: String(id),
    title: itemTitle(db, table, String(id)),
    savedAt: row.created_at,
    state,
    reason,
    changes: Object.entries(payload.changes).map(([field, c]) => ({ field, from: c.from, to: c.to })),
    conflicts: (result?.conflicts ?? []).map((c) => ({ field: c.field, hub: c.hub, mine: c.kiosk })),
  };
}
