// Exhibitor portal sessions: kept in the hub's memory only. A restart of the hub logs every exhibitor out, which
// costs them one login and means no session secret is ever written to disk or to a backup.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A session ends after this long without a call (the page asks again for the PIN). */
export const idleLimitMs = 30 * 60_000;
/** And after this long whatever happens: a browser left open at the booth does not stay logged in for days. */
export const absoluteLimitMs = 12 * 60 * 60_000;
/** The cookie's name; it is sent only to /portal, never to the kiosks' sync API. */
export const sessionCookie = 'portal_session';
/** The header every POST must carry: the page's copy of the session's CSRF token. */
export const csrfHeader = 'x-portal-csrf';

export type PortalSession = {
  exhibitorId: string;
  /** The PIN verifier at login: a session ends when staff set a new PIN. */
  pinVerifier: string;
  /** Sent back by the page in `x-portal-csrf` with every call: another site can neither read it nor set the header. */
  csrf: string;
  createdAt: number;
  lastSeen: number;
};

/** 256 random bits, as cookie- and header-safe text. */
const newSecret = (): string => randomBytes(32).toString('base64url');

/** Sessions are found by a hash of the cookie, so even a heap dump shows no usable cookie value. */
const hashId = (id: string): string => createHash('sha256').update(id, 'utf8').digest('base64url');

export class SessionStore {
  private readonly sessions = new Map<string, PortalSession>();

  /** Starts a session; returns the cookie value (given to the browser only) and the session. */
  create(exhibitorId: string, pinVerifier: string, now: number): { id: string; session: PortalSession } {
    this.sweep(now);
    const id = newSecret();
    const session: PortalSession = { exhibitorId, pinVerifier, csrf: newSecret(), createdAt: now, lastSeen: now };
    this.sessions.set(hashId(id), session);
    return { id, session };
  }

  /** The live session for a cookie value, its idle clock restarted; null when unknown or expired (then forgotten). */
  touch(id: string | null, now: number): PortalSession | null {
    if (!id) return null;
    const key = hashId(id);
    const session = this.sessions.get(key);
    if (!session) return null;
    if (expired(session, now)) {
      this.sessions.delete(key);
      return null;
    }
    session.lastSeen = now;
    return session;
  }

  end(id: string | null): void {
    if (id) this.sessions.delete(hashId(id));
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(now: number): void {
    for (const [key, session] of this.sessions) if (expired(session, now)) this.sessions.delete(key);
  }
}

function expired(session: PortalSession, now: number): boolean {
  // A clock set back makes `now - lastSeen` negative: that must not keep a session alive past its absolute limit.
  return now - session.lastSeen > idleLimitMs || now - session.createdAt > absoluteLimitMs || now < session.createdAt;
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(session: PortalSession, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header, 'utf8');
  const expected = Buffer.from(session.csrf, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The session cookie's value from a Cookie header, or null. */
export function readSessionCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== sessionCookie) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
  }
  return null;
}

/**
 * The Set-Cookie value: readable by no script (HttpOnly), sent by no other site (SameSite=Strict), only to the
 * portal's paths, and only over TLS when the page came over TLS. No Max-Age: it ends with the browser session too.
 */
export function sessionCookieHeader(id: string, secure: boolean): string {
  return `${sessionCookie}=${id}; Path=/portal; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedCookieHeader(secure: boolean): string {
  return `${sessionCookie}=; Path=/portal; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/**
 * Serialises work per key (an exhibitor's login attempts): the throttle reads the failure count, checks a PIN and
 * writes the new count, and two attempts in parallel must not both read the old count.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
