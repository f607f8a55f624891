// A small HTTP proxy between a kiosk and the hub that misbehaves on request: it can drop the connection part-way
// through an answer, hold or delay it, answer 5xx itself, truncate or rewrite the body, or reset the connection
// before or after the hub has seen the request. Plain node:http on loopback; the tests point kiosks at it.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type ProxiedRequest = {
  /** 1, 2, 3… in arrival order. */
  n: number;
  method: string;
  /** Path with query, as the kiosk sent it. */
  url: string;
  /** Path without query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

export type UpstreamAnswer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

export type FaultAction =
  /** Forward, then send the status line, headers and only the first `afterBytes` bytes of the body, then cut the socket. */
  | { kind: 'drop'; afterBytes: number }
  /** Forward, then answer with a body cut to `bytes` and a matching content-length: a clean but short answer. */
  | { kind: 'truncate'; bytes: number }
  /** Forward, then rewrite the body (content-length follows). `status` replaces the hub's status when given. */
  | { kind: 'rewrite'; body: (body: Buffer, answer: UpstreamAnswer, request: ProxiedRequest) => Buffer; status?: number }
  /** Answer without asking the hub. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Reset the connection. `afterUpstream`: the hub sees the request and answers first (a lost answer). */
  | { kind: 'reset'; afterUpstream?: boolean }
  /** Wait before forwarding (`phase: 'request'`) or before answering (`phase: 'response'`, default). */
  | { kind: 'delay'; ms: number; phase?: 'request' | 'response' }
  /** Hold the request until `until` resolves, then forward it normally. */
  | { kind: 'hold'; until: Promise<unknown> };

/** A path suffix ('/pull'), a folder ('/media/'), a RegExp on the URL, or a predicate. */
export type RequestMatcher = string | RegExp | ((request: ProxiedRequest) => boolean);

type Rule = { match: RequestMatcher; action: FaultAction | ((request: ProxiedRequest) => FaultAction | null); times: number };

export type LogEntry = ProxiedRequest & {
  /** When it arrived (Date.now()). */
  at: number;
  /** The fault applied, if any. */
  fault: FaultAction['kind'] | null;
  /** What the kiosk was sent (status), or 0 when the connection was cut before a status. */
  status: number;
  /** The hub's answer as it came, when the proxy forwarded the request. */
  upstream: UpstreamAnswer | null;
};

function matches(match: RequestMatcher, request: ProxiedRequest): boolean {
  // '/pull' matches /sync/v1/pull; '/media/' (a trailing slash) matches every path under it.
  if (typeof match === 'string') return match.endsWith('/') ? request.path.includes(match) : request.path.endsWith(match);
  if (match instanceof RegExp) return match.test(request.url);
  return match(request);
}

const hopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

function forwardableHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopHeaders.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FaultProxy {
  /** Where requests go: the hub's base URL. May be changed while running (a hub restarted on another port). */
  target: string;
  readonly log: LogEntry[] = [];
  private readonly rules: Rule[] = [];
  private readonly waiters: { match: RequestMatcher; resolve: (request: ProxiedRequest) => void }[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  private counter = 0;
  url = '';

  constructor(target: string) {
    this.target = target;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 1_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    this.server = server;
    return this;
  }

  /**
   * Applies `action` to the next `times` requests that match (default: every one, until `clear()`).
   * `action` may be a function deciding per request (null: leave this one alone, and it does not count).
   */
  on(match: RequestMatcher, action: Rule['action'], times = Infinity): this {
    this.rules.push({ match, action, times });
    return this;
  }

  /** Removes every rule: the proxy passes everything through again. */
  clear(): this {
    this.rules.length = 0;
    return this;
  }

  /** Resolves with the next request that matches (arriving after this call). */
  next(match: RequestMatcher): Promise<ProxiedRequest> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** The logged requests that match `path` (e.g. '/pull', '/media/'). */
  requests(path: string): LogEntry[] {
    return this.log.filter((entry) => matches(path, entry));
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private pick(request: ProxiedRequest): FaultAction | null {
    for (const rule of this.rules) {
      if (rule.times <= 0 || !matches(rule.match, request)) continue;
      const action = typeof rule.action === 'function' ? rule.action(request) : rule.action;
      if (!action) continue;
      rule.times -= 1;
      return action;
    }
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = req.url ?? '/';
    const parsed = new URL(url, 'http://proxy');
    const request: ProxiedRequest = {
      n: ++this.counter,
      method: req.method ?? 'GET',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body: await readAll(req),
    };
    const entry: LogEntry = { ...request, at, fault: null, status: 0, upstream: null };
    this.log.push(entry);
    for (const waiter of this.waiters.splice(0)) {
      if (matches(waiter.match, request)) waiter.resolve(request);
      else this.waiters.push(waiter);
    }
    const action = this.pick(request);
    entry.fault = action?.kind ?? null;
    const socket = req.socket;
    try {
      if (action?.kind === 'status') {
        const body = Buffer.from(JSON.stringify(action.body ?? { error: 'internal', message: `The proxy answered ${action.status}.` }));
        entry.status = action.status;
        res.writeHead(action.status, { 'content-type': 'application/json', 'content-length': body.length, ...action.headers });
        res.end(body);
        return;
      }
      if (action?.kind === 'reset' && !action.afterUpstream) {
        socket.resetAndDestroy();
        return;
      }
      if (action?.kind === 'hold') await action.until;
      if (action?.kind === 'delay' && action.phase === 'request') await wait(action.ms);

      const answer = await this.forward(request);
      entry.upstream = answer;
      if (action?.kind === 'delay' && action.phase !== 'request') await wait(action.ms);
      if (socket.destroyed) return;

      const headers = forwardableHeaders(answer.headers);
      switch (action?.kind) {
        case 'reset':
          socket.resetAndDestroy();
          return;
        case 'drop': {
          entry.status = answer.status;
          res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
          res.write(answer.body.subarray(0, Math.min(action.afterBytes, answer.body.length)), () => {
            // Give the bytes a moment on the wire, then cut the connection without finishing the answer.
            setImmediate(() => socket.destroy());
          });
          return;
        }
        case 'truncate': {
          const body = answer.body.subarray(0, Math.min(action.bytes, answer.body.length));
          entry.status = answer.status;
          res.writeHead(answer.status, { ...headers, 'content-length': body.length });
          res.end(body);
          return;
        }
        case 'rewrite': {
          const body = action.body(answer.body, answer, request);
          entry.status = action.status ?? answer.status;
          res.writeHead(entry.status, { ...headers, 'content-length': body.length });
          res.end(body);
          return;
        }
        default: {
          entry.status = answer.status;
          res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
          res.end(answer.body);
        }
      }
    } catch (error) {
      // The hub is not there (stopped between tests of a restart): the kiosk sees a cut connection.
      entry.status = 0;
      if (!socket.destroyed) socket.destroy(error instanceof Error ? error : undefined);
    }
  }

  private forward(request: ProxiedRequest): Promise<UpstreamAnswer> {
    const target = new URL(request.url, this.target);
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        target,
        { method: request.method, headers: { ...forwardableHeaders(request.headers), host: target.host, 'content-length': request.body.length } },
        (response) => {
          readAll(response).then((body) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body }), reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(request.body);
    });
  }
}

/** A started proxy in front of `target`. */
export async function startProxy(target: string): Promise<FaultProxy> {
  return new FaultProxy(target).start();
}

/** Rewrites a JSON body (for pages with an unknown protocol, table or column). */
export function rewriteJson(change: (json: Record<string, unknown>) => unknown): (body: Buffer) => Buffer {
  return (body) => Buffer.from(JSON.stringify(change(JSON.parse(body.toString('utf8')) as Record<string, unknown>)));
}
