// The kiosk's HTTP client for the hub's sync API. Every answer is validated; every failure becomes a SyncError that
// says whether trying again later can help.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { z } from 'zod';
import {
  enrollResponse,
  errorResponse,
  okResponse,
  protocolHeader,
  pullResponse,
  pushResponse,
  watchResponse,
  schemaHeader,
  syncBasePath,
  syncProtocol,
  type AckRequest,
  type EnrollRequest,
  type Heartbeat,
  type Mutation,
} from '../../shared/sync-protocol';

export type SyncErrorKind =
  | 'network' // no connection, timeout, dropped mid-answer: try again
  | 'server' // 5xx or a malformed answer: try again
  | 'upgrade_required' // protocol or schema mismatch: this kiosk (or the hub) must be updated
  | 'unauthorized' // not enrolled, or the hub does not know this credential
  | 'revoked' // staff revoked this kiosk
  | 'rejected'; // the hub refused the request itself (4xx): a bug, not retried quickly

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'SyncError';
  }
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}

export type HubClientOptions = {
  hubUrl: string;
  token?: string;
  schemaVersion: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export class HubClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: HubClientOptions) {
    this.base = options.hubUrl.replace(/\/+$/, '') + syncBasePath;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      [protocolHeader]: String(syncProtocol),
      [schemaHeader]: String(this.options.schemaVersion),
      ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      ...extra,
    };
  }

  private async request(path: string, init: RequestInit & { timeoutMs?: number; cancel?: AbortSignal } = {}): Promise<Response> {
    let response: Response;
    const timeout = AbortSignal.timeout(init.timeoutMs ?? this.timeoutMs);
    try {
      response = await this.fetch(this.base + path, {
        ...init,
        headers: this.headers(init.headers as Record<string, string> | undefined),
        signal: init.cancel ? AbortSignal.any([timeout, init.cancel]) : timeout,
      });
    } catch (error) {
      throw new SyncError('network', `The hub cannot be reached (${describe(error)})`);
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let parsed: z.infer<typeof errorResponse> | null;
    try {
      const body = errorResponse.safeParse(JSON.parse(text));
      parsed = body.success ? body.data : null;
    } catch {
      parsed = null;
    }
    const message = parsed?.message ?? `The hub answered ${response.status}`;
    if (response.status === 426 || parsed?.error === 'upgrade_required') throw new SyncError('upgrade_required', message, response.status);
    if (parsed?.error === 'revoked') throw new SyncError('revoked', message, response.status);
    if (response.status === 401 || response.status === 403) throw new SyncError('unauthorized', message, response.status);
    if (response.status >= 500 || response.status === 429 || response.status === 408) throw new SyncError('server', message, response.status);
    throw new SyncError('rejected', message, response.status);
  }

  private async json<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new SyncError('network', `The hub's answer was cut off or is not JSON (${describe(error)})`);
    }
    const protocol = (body as { protocol?: unknown } | null)?.protocol;
    if (protocol !== undefined && protocol !== syncProtocol) {
      throw new SyncError('upgrade_required', `The hub speaks sync protocol ${JSON.stringify(protocol)}; this kiosk speaks ${syncProtocol}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SyncError('server', `The hub's answer is malformed: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    return parsed.data;
  }

  private post(path: string, body: unknown): Promise<Response> {
    return this.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  async enroll(request: EnrollRequest) {
    return this.json(await this.post('/enroll', request), enrollResponse);
  }

  async pull(cursor: string, limit: number) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.json(await this.request(`/pull?${query.toString()}`), pullResponse);
  }

  /** Waits (long poll) until the hub has news for this kiosk or `waitSeconds` pass. */
  async watch(cursor: string, waitSeconds: number, cancel?: AbortSignal) {
    const query = new URLSearchParams({ wait: String(waitSeconds), ...(cursor ? { cursor } : {}) });
    return this.json(await this.request(`/watch?${query.toString()}`, { timeoutMs: waitSeconds * 1000 + 10_000, cancel }), watchResponse);
  }

  async push(mutations: readonly Mutation[]) {
    return this.json(await this.post('/push', { mutations }), pushResponse);
  }

  async ack(commands: AckRequest['commands']) {
    return this.json(await this.post('/ack', { commands }), okResponse);
  }

  async heartbeat(beat: Heartbeat) {
    return this.json(await this.post('/heartbeat', beat), okResponse);
  }

  /**
   * Downloads a media file into `partPath`, continuing from `offset` bytes already there (HTTP Range).
   * Returns the total bytes now in the part file. A 200 answer to a range request restarts the file.
   */
  async downloadMedia(sha256: string, partPath: string, offset: number, timeoutMs = 120_000): Promise<number> {
    const response = await this.request(`/media/${sha256}`, { headers: offset > 0 ? { range: `bytes=${offset}-` } : {}, timeoutMs });
    const resumed = response.status === 206;
    if (offset > 0 && resumed) {
      const range = /^bytes (\d+)-\d+\/\d+$/.exec(response.headers.get('content-range') ?? '');
      if (!range || Number(range[1]) !== offset) throw new SyncError('server', 'The hub answered a different range than asked');
    }
    const out = createWriteStream(partPath, { flags: resumed ? 'a' : 'w' });
    // A failure of the file itself (disk full, folder gone) is the caller's to handle, never an uncaught 'error' event.
    const file: { error: Error | null } = { error: null };
    out.on('error', (error) => {
      file.error ??= error;
    });
    let written = resumed ? offset : 0;
    try {
      if (!response.body) throw new SyncError('network', 'The hub sent no body');
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        await write(out, chunk);
        written += chunk.byteLength;
      }
    } catch (error) {
      await close(out);
      // A failed write rejects before the stream emits 'error'; either way it is the file, not the network.
      if (file.error) throw file.error;
      if (typeof (error as NodeJS.ErrnoException | null)?.syscall === 'string') throw error;
      if (error instanceof SyncError) throw error;
      throw new SyncError('network', `The download of ${sha256.slice(0, 12)}… was cut off at ${written} bytes (${describe(error)})`);
    }
    await close(out);
    if (file.error) throw file.error;
    return written;
  }
}

function write(stream: WriteStream, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
}
function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(() => resolve()));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
