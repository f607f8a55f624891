// Staff sessions on the hub's pages: a random 256-bit id in an HttpOnly, SameSite=Strict cookie scoped to /staff; the
// hub stores only its SHA-256. A session ends after 30 minutes without a request, and 12 hours after login however
// active it is. Every form carries the session's CSRF token (synchronizer token), compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffSession } from '../store/hub-store';

export const sessionIdleMs = 30 * 60_000;
export const sessionLifetimeMs = 12 * 60 * 60_000;

export const sessionCookie = 'staff_session';
/** Before login there is no session: the login form's token is paired with this cookie instead (double submit). */
export const loginCookie = 'staff_login';
export const cookiePath = '/staff';

/** 256 random bits, base64url (43 characters): session ids and CSRF tokens. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const secretPattern = /^[A-Za-z0-9_-]{43}$/;

export const hashSessionId = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');

/**
 * Compares a secret a browser sent with the one expected, in time that depends on neither: both are hashed first, so
 * even their lengths are not compared directly.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

/** Cookies of a request header; the first value of a repeated name wins (the most specific path, by RFC 6265). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** A Set-Cookie value for a secret of ours; maxAgeSeconds 0 deletes it. Secure when the page came over TLS. */
export function setCookie(name: string, value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${name}=${value}`,
    `Path=${cookiePath}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Whether a stored session may still be used at `now` (hub clock). */
export function sessionState(session: Pick<StaffSession, 'lastSeenAt' | 'expiresAt'>, now: number): 'valid' | 'idle' | 'expired' {
  if (now >= session.expiresAt) return 'expired';
  if (now - session.lastSeenAt >= sessionIdleMs) return 'idle';
  return 'valid';
}

/** A new session for `login`: the id goes in the cookie, the record (with the id's hash) in the store. */
export function newSession(login: string, now: number): { id: string; record: StaffSession } {
  const id = newSecret();
  return {
    id,
    record: { idHash: hashSessionId(id), login, csrfToken: newSecret(), createdAt: now, lastSeenAt: now, expiresAt: now + sessionLifetimeMs },
  };
}

/**
 * Runs `task`s with the same key one after another. Login attempts for one account are serialised this way, so that
 * guesses sent in parallel cannot all pass the delay check before the first wrong one is counted (one hub process).
 */
export function createSerialiser(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/** Too many password checks at once: the caller answers "busy, try again" instead of queueing without end. */
export class BusyError extends Error {
  constructor() {
    super('Too many password checks at once');
    this.name = 'BusyError';
  }
}

/**
 * Runs at most `running` tasks at once and lets at most `waiting` more wait their turn; a task beyond those is refused
 * with BusyError at once. For the staff login's password checks: each costs tens of milliseconds of a core (scrypt),
 * so a flood of logins under many names must not take the hub's CPU from the kiosks it serves.
 */
export function createLimiter(running: number, waiting: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active -= 1;
    const next = queue.shift();
    if (next) {
      active += 1;
      next();
    }
  };
  return <T>(task: () => Promise<T>): Promise<T> => {
    if (active < running) {
      active += 1;
      return task().finally(release);
    }
    if (queue.length >= waiting) return Promise.reject(new BusyError());
    return new Promise<void>((start) => queue.push(start)).then(() => task().finally(release));
  };
}
