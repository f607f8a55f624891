// Staff mode at this kiosk (docs/staff.md): a staff member logs in with their personal kiosk PIN (verifiers synced
// from the hub, checked offline), changes the kiosk's settings, enrolls it with a hub, starts and stops presentations.
// Every staff action is logged with who and when: in the kiosk's log, and as a `staff_action` mutation in the outbox,
// which reaches the hub's action log with the next sync. One session at a time, in memory only.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/connection';
import { hallPlan, readSetting, writeSetting } from '../../../db/queries/catalog';
import { readAttempts, writeAttempts } from '../../../db/queries/exhibitor';
import { demoStaff } from '../../../db/demo/pins';
import { presentationSlides, staffCredentials } from '../../../db/queries/staff';
import type { KioskInfo, Playlist, StaffAction, StaffPanel, StaffSession } from '../../shared/contract';
import { pinKdf } from '../../shared/exhibitor-proof';
import { commandPayloads, staffActionPayload, type StaffActionPayload } from '../../shared/sync-protocol';
import { parseKdf, pinMatchesAsync } from '../auth/pin';
import { afterFailure, afterSuccess, waitFor } from '../auth/throttle';
import { CallError, type HandlerPart } from '../dispatch';
import type { KioskLog } from '../log';
import type { Presentations } from '../presentation';
import { countPending, enqueue, recentPayloads } from '../sync/outbox';
import { panelHubKey, type SyncPort } from '../sync/sync-client';
import { toStatusInfo } from './sync';

/** A staff session with no staff call for this long ends by itself. */
export const staffSessionIdleMs = 5 * 60_000;

/** One throttle for staff PINs on this kiosk: a PIN names nobody until it matches, so wrong ones count together. */
const throttleSubject = 'staff';

/** Costs as much as a real check and matches nothing: a kiosk with no staff PINs answers as slowly as one with some. */
const decoy = { verifySalt: 'ZGVjb3ktc3RhZmY', verifier: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', kdf: pinKdf };

type Session = StaffSession & { verifier: string; lastUsed: number };

export type StaffDeps = {
  db: Db;
  sync: SyncPort;
  presentations: Presentations;
  log: KioskLog;
  now: () => Date;
  appVersion: string;
  /** The kiosk's info as the renderer reads it (after a settings change it is sent with `kiosk.changed`). */
  kioskInfo: () => KioskInfo;
  /** Staff changed the idle timeout: it now wins over a command-line override. */
  idleChanged: () => void;
  emit: {
    kioskChanged: (info: KioskInfo) => void;
    reload: () => void;
    staffEnded: () => void;
  };
  /** Quits the app for maintenance; only the Electron shell gives one. */
  quit?: (() => void) | undefined;
};

export type StaffDesk = {
  handlers: HandlerPart;
  /** Ends the session (the attract loop came back). */
  end(): void;
  active(): boolean;
  /** After a sync: a staff member whose PIN was reset or removed at the hub is logged out. */
  checkCredentials(): void;
  close(): void;
};

const unauthorized = (message = 'Staff PIN needed.'): CallError => new CallError({ code: 'unauthorized', message });

/** The hub's command kinds this kiosk carries out (sync_now is the sync cycle itself). */
export function registerStaffCommands(deps: Pick<StaffDeps, 'sync' | 'presentations' | 'emit' | 'db' | 'now' | 'log'> & { inUse: () => boolean }): void {
  const logCommand = (kind: string, detail: string) => {
    deps.log.write('info', `[staff] hub command ${kind}${detail ? `: ${detail}` : ''}`);
  };
  deps.sync.onCommand('presentation_start', (command) => {
    const payload = commandPayloads.presentation_start.parse(command.payload);
    // Never over someone's work: an exhibitor's unsaved edits or a staff member at the panel.
    if (deps.inUse()) throw new Error('an exhibitor or a staff member is using this kiosk; send it again in a few minutes');
    deps.presentations.start(payload.playlist, payload.intervalSeconds, 'hub', 'hub');
    logCommand(command.kind, playlistText(payload.playlist));
    return 'done';
  });
  deps.sync.onCommand('presentation_stop', (command) => {
    deps.presentations.stop();
    logCommand(command.kind, '');
    return 'done';
  });
  deps.sync.onCommand('reload', (command) => {
    deps.emit.reload();
    logCommand(command.kind, '');
    return 'done';
  });
  deps.sync.onCommand('banner', (command) => {
    const payload = commandPayloads.banner.parse(command.payload);
    deps.presentations.setBanner(payload.ru, payload.en, payload.minutes);
    logCommand(command.kind, payload.ru.slice(0, 80));
    return 'done';
  });
}

export const playlistText = (playlist: Playlist): string => (playlist.kind === 'region' ? `region ${playlist.regionId}` : playlist.kind);

export function staffHandlers(deps: StaffDeps): StaffDesk {
  const { db } = deps;
  let session: Session | null = null;
  let verifying = false;
  let idleTimer: NodeJS.Timeout | null = null;

  const endSession = (why: string) => {
    if (!session) return;
    deps.log.write('info', `[staff] session of ${session.staffId} ended (${why})`);
    session = null;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    deps.emit.staffEnded();
  };
  const touch = (s: Session) => {
    s.lastUsed = deps.now().getTime();
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => endSession('idle'), staffSessionIdleMs);
    idleTimer.unref();
  };
  const current = (): Session | null => {
    if (session && deps.now().getTime() - session.lastUsed > staffSessionIdleMs) endSession('idle');
    return session;
  };
  const required = (): Session => {
    const s = current();
    if (!s) throw unauthorized();
    touch(s);
    return s;
  };

  /** Logs a staff action here and queues it for the hub's log. */
  const logAction = (s: Session, action: string, detail = '') => {
    const payload: StaffActionPayload = staffActionPayload.parse({ staffId: s.staffId, staffName: s.name, action, detail: detail.slice(0, 500), at: deps.now().toISOString() });
    deps.log.write('info', `[staff] ${s.staffId}: ${action}${detail ? ` (${detail})` : ''}`);
    enqueue(db, 'staff_action', payload, deps.now(), randomUUID(), null);
  };

  const recentActions = (): StaffAction[] =>
    recentPayloads(db, 'staff_action', 20).flatMap((payload) => {
      const parsed = staffActionPayload.safeParse(payload);
      return parsed.success ? [{ at: parsed.data.at, staffName: parsed.data.staffName, action: parsed.data.action, detail: parsed.data.detail }] : [];
    });

  const recentErrors = (): { at: string; text: string }[] =>
    deps.log
      .tail()
      .filter((line) => / (ERROR|WARN) /.test(line))
      .slice(-5)
      .reverse()
      .map((line) => {
        const space = line.indexOf(' ');
        return { at: line.slice(0, space), text: line.slice(space + 1).replace(/^(ERROR|WARN) /, '') };
      });

  const panel = (s: Session): StaffPanel => {
    const info = deps.kioskInfo();
    const state = db.prepare('SELECT device_id FROM sync_state WHERE id = 1').get() as { device_id: string };
    return {
      session: { staffId: s.staffId, name: s.name },
      kiosk: {
        kioskId: info.kioskId,
        name: info.name,
        zone: readSetting(db, 'kiosk.zone') ?? '',
        position: info.position,
        idleSeconds: info.idleSeconds,
        defaultLanguage: info.defaultLanguage,
        appVersion: deps.appVersion,
      },
      sync: { ...toStatusInfo(deps.sync.status()), deviceId: state.device_id, outbox: countPending(db), recentErrors: recentErrors() },
      presentation: deps.presentations.current(),
      canQuit: deps.quit !== undefined,
      recentActions: recentActions(),
    };
  };

  const invalid = (path: string, message: string, text: string): CallError => new CallError({ code: 'invalid_input', message: text, issues: [{ path, message }] });

  const handlers: HandlerPart = {
    'staff.login': async ({ pin }) => {
      if (verifying) throw new CallError({ code: 'rate_limited', message: 'Another PIN is being checked.', retryAfterSeconds: 1 });
      verifying = true;
      try {
        endSession('another login');
        const wait = waitFor(readAttempts(db, throttleSubject), deps.now().getTime());
        if (wait > 0) throw new CallError({ code: 'rate_limited', message: 'Too many wrong PINs; wait a moment.', retryAfterSeconds: Math.ceil(wait / 1000) });
        const credentials = staffCredentials(db).flatMap((c) => {
          const kdf = parseKdf(c.kdf);
          return kdf ? [{ ...c, kdf }] : [];
        });
        const checks = await Promise.all((credentials.length > 0 ? credentials : [{ ...decoy, staffId: '', name: '' }]).map(async (c) => ((await pinMatchesAsync(pin, c)) ? c : null)));
        const match = checks.find((c) => c !== null && c.staffId !== '') ?? null;
        if (!match) {
          const next = afterFailure(readAttempts(db, throttleSubject), deps.now().getTime());
          writeAttempts(db, throttleSubject, next);
          deps.log.write('warn', `[staff] wrong staff PIN (${next.failures} in a row)`);
          const retry = waitFor(next, deps.now().getTime());
          throw new CallError({ code: 'unauthorized', message: 'Wrong PIN.', ...(retry > 0 ? { retryAfterSeconds: Math.ceil(retry / 1000) } : {}) });
        }
        writeAttempts(db, throttleSubject, afterSuccess());
        const s: Session = { staffId: match.staffId, name: match.name, verifier: match.verifier, lastUsed: 0 };
        // Logged first: a login that cannot be logged (a disk that fails to write) opens no session.
        logAction(s, 'login');
        session = s;
        touch(s);
        return { staffId: s.staffId, name: s.name };
      } finally {
        verifying = false;
      }
    },

    'staff.logout': () => {
      const s = current();
      if (s) logAction(s, 'logout');
      endSession('logout');
      return null;
    },

    'staff.session': () => {
      const s = current();
      return s ? { staffId: s.staffId, name: s.name } : null;
    },

    'staff.panel': () => panel(required()),

    'staff.settings': (input) => {
      const s = required();
      const changed: string[] = [];
      const plan = hallPlan(db);
      if (input.zone !== undefined && input.zone !== '' && !plan.zones.some((z) => z.id === input.zone)) {
        throw invalid('zone', 'unknown_zone', 'There is no such zone on the hall plan.');
      }
      if (input.position && (input.position.x > plan.width || input.position.y > plan.height)) {
        throw invalid('position', 'outside_plan', 'The position is outside the hall plan.');
      }
      db.transaction(() => {
        if (input.name !== undefined) {
          writeSetting(db, 'kiosk.name', input.name);
          changed.push(`name=${input.name}`);
        }
        if (input.zone !== undefined) {
          writeSetting(db, 'kiosk.zone', input.zone);
          changed.push(`zone=${input.zone || '—'}`);
        }
        if (input.position !== undefined) {
          if (input.position === null) {
            db.prepare("DELETE FROM kiosk_settings WHERE key IN ('kiosk.position.x', 'kiosk.position.y')").run();
          } else {
            writeSetting(db, 'kiosk.position.x', String(Math.round(input.position.x)));
            writeSetting(db, 'kiosk.position.y', String(Math.round(input.position.y)));
          }
          changed.push(`position=${input.position ? `${Math.round(input.position.x)},${Math.round(input.position.y)}` : '—'}`);
        }
        if (input.idleSeconds !== undefined) {
          writeSetting(db, 'kiosk.idle_seconds', String(input.idleSeconds));
          changed.push(`idle=${input.idleSeconds}s`);
        }
        if (input.defaultLanguage !== undefined) {
          writeSetting(db, 'kiosk.language', input.defaultLanguage);
          changed.push(`language=${input.defaultLanguage}`);
        }
        if (changed.length > 0) logAction(s, 'settings', changed.join(', '));
      }).immediate();
      if (input.idleSeconds !== undefined) deps.idleChanged();
      // A new zone may bring a scheduled presentation with it (or end one).
      if (input.zone !== undefined) deps.presentations.tick();
      if (changed.length > 0) deps.emit.kioskChanged(deps.kioskInfo());
      return panel(s);
    },

    'staff.enroll': async ({ hubUrl, code }) => {
      const s = required();
      let url: URL;
      try {
        url = new URL(/^[a-z]+:\/\//i.test(hubUrl) ? hubUrl : `http://${hubUrl}`);
      } catch {
        throw invalid('hubUrl', 'invalid_url', 'This is not a hub address (e.g. http://192.168.1.10:5190).');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('hubUrl', 'invalid_url', 'A hub address starts with http:// or https://.');
      const address = url.origin;
      try {
        await deps.sync.enroll(address, code, readSetting(db, 'kiosk.name') ?? '');
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logAction(s, 'enroll_failed', `${address}: ${reason}`);
        throw new CallError({ code: 'unavailable', message: `Enrollment with ${address} failed: ${reason}` });
      }
      writeSetting(db, panelHubKey, address);
      logAction(s, 'enroll', address);
      return panel(s);
    },

    'staff.syncNow': () => {
      const s = required();
      logAction(s, 'sync_now');
      deps.sync.unblock();
      return null;
    },

    'staff.reload': () => {
      const s = required();
      logAction(s, 'reload');
      deps.emit.reload();
      return null;
    },

    'staff.quit': () => {
      const s = required();
      if (!deps.quit) throw new CallError({ code: 'unavailable', message: 'Quitting is only possible in the kiosk app.' });
      // The demo staff PIN is printed in the README: it may look around, never leave the app for the desktop.
      if (s.staffId === demoStaff.staffId) throw new CallError({ code: 'unauthorized', message: 'The demo staff login cannot quit the app; use a staff PIN from the hub.' });
      logAction(s, 'quit');
      const quit = deps.quit;
      setTimeout(quit, 100).unref();
      return null;
    },

    'presentation.start': ({ playlist, intervalSeconds }) => {
      const s = required();
      const started = deps.presentations.start(playlist, intervalSeconds, 'kiosk', s.name);
      logAction(s, 'presentation_start', `${playlistText(playlist)}, ${intervalSeconds}s`);
      return started;
    },

    'presentation.stop': () => {
      const s = required();
      const was = deps.presentations.current();
      deps.presentations.stop();
      logAction(s, 'presentation_stop', was ? playlistText(was.playlist) : 'none running');
      return null;
    },

    'presentation.current': () => deps.presentations.current(),

    'presentation.slides': ({ playlist }) => presentationSlides(db, playlist, deps.now()),

    'kiosk.banner': () => deps.presentations.banner(),
  };

  return {
    handlers,
    end: () => endSession('attract loop'),
    active: () => current() !== null,
    checkCredentials: () => {
      const s = session;
      if (!s) return;
      const still = staffCredentials(db).find((c) => c.staffId === s.staffId);
      if (!still || still.verifier !== s.verifier) endSession('PIN changed at the hub');
    },
    close: () => {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
    },
  };
}
