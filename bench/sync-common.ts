// Shared pieces of the sync benchmark (bench/sync.ts): a fetch that measures every request a kiosk makes,
// a tiny request/answer protocol over the IPC channel of forked helper processes, and statistics.
import { fork, type ChildProcess } from 'node:child_process';

// ---- Measuring fetch ------------------------------------------------------------------------------------------

export type RequestKind = 'enroll' | 'pull' | 'push' | 'watch' | 'ack' | 'heartbeat' | 'media' | 'other';

export type RequestSample = {
  kind: RequestKind;
  /** From the call to fetch until the whole answer body was read, as the kiosk sees it. */
  ms: number;
  /** HTTP status, or 0 when the request failed without an answer. */
  status: number;
  /** Answer body bytes (the hub sends no content-encoding, so these are the bytes on the wire). */
  downBody: number;
  /** Status line and headers of the answer, as HTTP/1.1 puts them on the wire. */
  downHeaders: number;
  /** Request line, headers (those the kiosk sets plus undici's defaults, estimated) and body. */
  up: number;
  /** A watch cancelled by the kiosk stopping, not a failure. */
  cancelled?: boolean;
  /** Why the request failed without an answer. */
  error?: string;
};

function kindOf(url: string): RequestKind {
  const path = new URL(url).pathname;
  const last = /\/sync\/v1\/([a-z]+)/.exec(path)?.[1] ?? '';
  return (['enroll', 'pull', 'push', 'watch', 'ack', 'heartbeat', 'media'] as const).find((k) => k === last) ?? 'other';
}

// What undici adds to every request besides the headers the kiosk sets (host is added per request).
const undiciDefaults = 'connection: keep-alive\r\naccept: */*\r\naccept-language: *\r\nsec-fetch-mode: cors\r\nuser-agent: node\r\naccept-encoding: gzip, deflate\r\n';

function bodyBytes(body: RequestInit['body']): number {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength;
  return 0;
}

/** A fetch that reads each answer whole, records one sample per request and hands the kiosk an equal Response. */
export function measuringFetch(record: (sample: RequestSample) => void): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const kind = kindOf(url);
    const parsed = new URL(url);
    const headers = new Headers(init?.headers);
    const sent = bodyBytes(init?.body);
    let headerText = `${init?.method ?? 'GET'} ${parsed.pathname}${parsed.search} HTTP/1.1\r\nhost: ${parsed.host}\r\n${undiciDefaults}`;
    headers.forEach((value, name) => (headerText += `${name}: ${value}\r\n`));
    if (sent > 0) headerText += `content-length: ${sent}\r\n`;
    const up = Buffer.byteLength(headerText) + 2 + sent;
    const started = performance.now();
    let response: Response;
    let body: Uint8Array;
    try {
      response = await fetch(input, init);
      body = new Uint8Array(await response.arrayBuffer());
    } catch (failure) {
      const cancelled = init?.signal?.aborted === true && kind === 'watch';
      const error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
      record({ kind, ms: performance.now() - started, status: 0, downBody: 0, downHeaders: 0, up, cancelled, error });
      throw failure;
    }
    const ms = performance.now() - started;
    let answerHeaders = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`;
    response.headers.forEach((value, name) => (answerHeaders += `${name}: ${value}\r\n`));
    record({ kind, ms, status: response.status, downBody: body.byteLength, downHeaders: Buffer.byteLength(answerHeaders) + 2, up });
    return new Response(body.byteLength > 0 ? body : null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export type Traffic = { requests: number; downBody: number; downWire: number; up: number; byKind: Partial<Record<RequestKind, { requests: number; downBody: number }>> };

/** Sums samples: answer body bytes, answer bytes with headers, request bytes; per kind of request. */
export function traffic(samples: readonly RequestSample[], only?: (s: RequestSample) => boolean): Traffic {
  const total: Traffic = { requests: 0, downBody: 0, downWire: 0, up: 0, byKind: {} };
  for (const s of samples) {
    if (only && !only(s)) continue;
    total.requests += 1;
    total.downBody += s.downBody;
    total.downWire += s.downBody + s.downHeaders;
    total.up += s.up;
    const k = (total.byKind[s.kind] ??= { requests: 0, downBody: 0 });
    k.requests += 1;
    k.downBody += s.downBody;
  }
  return total;
}

// ---- Statistics -----------------------------------------------------------------------------------------------

export type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.at(-1) ?? 0),
    mean: round1(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

/** Wall-clock milliseconds since the epoch with sub-millisecond resolution, comparable between processes. */
export const epochMs = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- Helper processes -----------------------------------------------------------------------------------------

type Call = { id: number; op: string; args: unknown };
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export type Handlers = Record<string, (args: never) => unknown>;

/** In a helper process: answers calls from the parent with `handlers`. */
export function serve(handlers: Handlers): void {
  process.on('message', (message: Call) => {
    const handler = handlers[message.op] as ((args: unknown) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (message.op === 'exit') return Promise.resolve(handler?.(message.args)).then(() => process.exit(0));
        if (!handler) throw new Error(`unknown op ${message.op}`);
        return handler(message.args);
      })
      .then(
        (value) => process.send?.({ id: message.id, ok: true, value } satisfies Answer),
        (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
      );
  });
  process.send?.({ id: 0, ok: true, value: 'ready' } satisfies Answer);
}

export type Helper = { call<T>(op: string, args?: unknown): Promise<T>; child: ChildProcess; stop(): Promise<void> };

/** Forks this very script (the built bench-sync.js) in another role, and waits until it is ready. */
export async function spawnHelper(role: string, env: Record<string, string>, execArgv: string[] = []): Promise<Helper> {
  const child = fork(process.argv[1] ?? '', [], { env: { ...process.env, ...env, BENCH_SYNC_ROLE: role }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`${role} helper exited with ${code} before it was ready`)));
  });
  child.on('message', (answer: Answer) => {
    if (answer.id === 0) return ready();
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.ok) w?.resolve(answer.value);
    else w?.reject(new Error(`${role}: ${answer.error}`));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`${role} helper exited with ${code}`));
    waiting.clear();
  });
  await started;
  return {
    child,
    call<T>(op: string, args?: unknown): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, args } satisfies Call);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ id: next++, op: 'exit', args: null } satisfies Call);
      await Promise.race([exited, sleep(30_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
