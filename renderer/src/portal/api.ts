// The portal page's side of the hub's portal API (hub/portal): the kiosk contract over the same wire format as the
// kiosk's HTTP transport, plus the session's CSRF token and photo upload. Types only from the contract, as in
// api/client.ts, so no schema code reaches the bundle: the hub validates.
import type { CallInput, CallName, CallOutput, KioskApi, KioskError, MediaRef, Result } from '../../../electron/shared/contract';

/** The header the hub requires on every POST; its value is the session's token once the hub has given one. */
export const csrfHeader = 'x-portal-csrf';
/** The hub refuses larger photos; checked here too, so a phone does not send 40 MB to hear "too large". */
export const maxPhotoBytes = 15 * 1024 * 1024;

/** Why an upload failed, with the hub's error (code and message) for the screen to show. */
export class UploadError extends Error {
  constructor(readonly error: KioskError) {
    super(error.message);
    this.name = 'UploadError';
  }
}

export type PortalClient = {
  api: KioskApi;
  uploadPhoto: (projectId: string, file: File) => Promise<MediaRef>;
};

const unavailable = (): Result<never> => ({ ok: false, error: { code: 'unavailable', message: 'The hub did not answer' } });

/**
 * Makes the client. The token lives in this page's memory only: the hub hands it out at login and again on
 * `exhibitor.session` (a reloaded page), and only the portal's own origin can read those answers.
 */
export function createPortalClient(base = '/portal/api', fetchImpl: typeof fetch = (input, init) => fetch(input, init)): PortalClient {
  let token = '';

  async function post(url: string, body: string | Blob, contentType: string): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': contentType, [csrfHeader]: token || 'page' },
        body,
      });
    } catch {
      return unavailable();
    }
    const given = response.headers.get(csrfHeader);
    if (given) token = given;
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      // Not our JSON (a proxy's error page, a hub that is restarting).
      return unavailable();
    }
  }

  const api: KioskApi = {
    async invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      const result = await post(`${base}/call/${encodeURIComponent(name)}`, JSON.stringify(input ?? {}), 'application/json');
      if (name === 'exhibitor.logout' && result.ok) token = '';
      return result as Result<CallOutput<N>>;
    },
    // The portal has no event stream: the editor asks again when it needs to.
    on: () => () => undefined,
  };

  async function uploadPhoto(projectId: string, file: File): Promise<MediaRef> {
    if (file.size > maxPhotoBytes) {
      throw new UploadError({ code: 'too_large', message: `The photo is larger than ${maxPhotoBytes / 1024 / 1024} MB.` });
    }
    // The type only tells the hub to read raw bytes; the hub looks at the bytes themselves to decide what they are.
    const type = /^image\/[a-z0-9.+-]+$/i.test(file.type) ? file.type : 'application/octet-stream';
    const result = await post(`${base}/photo?projectId=${encodeURIComponent(projectId)}`, file, type);
    if (!result.ok) throw new UploadError(result.error);
    return result.value as MediaRef;
  }

  return { api, uploadPhoto };
}
