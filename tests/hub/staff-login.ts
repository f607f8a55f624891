// A browser for the hub's staff pages over plain fetch, shared by the staff page tests: cookies kept per name (a
// Max-Age=0 cookie is dropped), redirects not followed (the tests look at them), and the login form filled in as a
// person would.
import { expect } from 'vitest';
import type { TestHub } from '../sync/harness';

export type Page = { status: number; text: string; body: Buffer; location: string | null; headers: Headers; setCookies: string[] };

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly hub: Pick<TestHub, 'url'>) {}

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Page> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.hub.url}${path}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (attributes.some((a) => a.toLowerCase() === 'max-age=0')) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, text: body.toString('utf8'), body, location: response.headers.get('location'), headers: response.headers, setCookies };
  }
  get(path: string): Promise<Page> {
    return this.request('GET', path);
  }
  post(path: string, form: Record<string, string>): Promise<Page> {
    return this.request('POST', path, form);
  }

  /**
   * Opens the login page and submits it. With no enabled account the page has no form; the token is then taken from
   * the login cookie, as a hand-made request would.
   */
  async logIn(login: string, secret: string): Promise<Page> {
    const page = await this.get('/staff/login');
    const csrf = page.text.includes('name="csrf"') ? csrfOf(page) : (this.cookies.get('staff_login') ?? '');
    return this.post('/staff/login', { csrf, login, password: secret });
  }
}

/** The CSRF token a page's forms carry. */
export function csrfOf(page: Pick<Page, 'text' | 'status'>): string {
  const token = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no CSRF token on the page (status ${page.status}): ${page.text.slice(0, 300)}`);
  return token;
}

/** Where a successful login sends staff: the fleet dashboard. */
export const afterLoginPath = '/staff/kiosks';

/** A browser logged in as `login`; the login must succeed and land on the dashboard. */
export async function loggedIn(hub: Pick<TestHub, 'url'>, login: string, password: string): Promise<Browser> {
  const browser = new Browser(hub);
  const answer = await browser.logIn(login, password);
  expect(answer.status).toBe(303);
  expect(answer.location).toBe(afterLoginPath);
  return browser;
}
