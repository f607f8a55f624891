import type { z } from 'zod';
import {
  calls,
  isCallName,
  type CallName,
  type CallOutput,
  type KioskError,
  type ParsedInput,
  type Result,
} from '../shared/contract';
import { isDamageError } from './db-guard';

export type Handler<N extends CallName> = (input: ParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;
export type Handlers = { [N in CallName]: Handler<N> };
export type HandlerPart = Partial<Handlers>;

/** Thrown by a handler when the thing asked for does not exist; crosses the boundary as `not_found`. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** Thrown by a handler to answer with a specific error (unauthorized, rate_limited, invalid_input with issues, …). */
export class CallError extends Error {
  constructor(readonly error: KioskError) {
    super(error.message);
    this.name = 'CallError';
  }
}

/** Joins feature modules' handler tables into one; a name registered twice, or not at all, is a bug. */
export function joinHandlers(...parts: HandlerPart[]): Handlers {
  const table: HandlerPart = {};
  for (const part of parts) {
    for (const name of Object.keys(part) as CallName[]) {
      if (Object.hasOwn(table, name)) throw new Error(`Handler registered twice: ${name}`);
      Object.assign(table, { [name]: part[name] });
    }
  }
  const missing = (Object.keys(calls) as CallName[]).filter((name) => !Object.hasOwn(table, name));
  if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`);
  return table as Handlers;
}

export type Dispatch = (name: unknown, input: unknown) => Promise<Result<unknown>>;

/** The one entry point both transports use: validates by the contract, runs the handler, returns a value. */
export function createDispatch(handlers: Handlers, hooks: { onStorageDamage?: () => void } = {}): Dispatch {
  return async (name, input) => {
    if (!isCallName(name)) {
      return fail({ code: 'unknown_call', message: `Unknown call: ${String(name).slice(0, 80)}` });
    }
    const schema: z.ZodType = calls[name].input;
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) {
      return fail({
        code: 'invalid_input',
        message: `Invalid input for ${name}`,
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof NotFoundError) return fail({ code: 'not_found', message: error.message });
      if (error instanceof CallError) return fail(error.error);
      if (isDamageError(error)) hooks.onStorageDamage?.();
      const storage = storageProblem(error);
      if (storage) {
        console.error(`[core] ${name}: ${storage}`, error);
        return fail({ code: 'unavailable', message: storage });
      }
      console.error(`[core] ${name} failed`, error);
      return fail({ code: 'internal', message: 'The kiosk could not answer this request.' });
    }
  };
}

/**
 * SQLite's answers when the kiosk cannot write: the transaction was rolled back, so nothing was half-saved; the
 * person gets a clear message and keeps what they typed.
 */
function storageProblem(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') return 'The kiosk’s storage is full; nothing was saved. Please tell the staff.';
  if (code === 'SQLITE_READONLY' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY_'))) {
    return 'The kiosk cannot write to its storage; nothing was saved. Please tell the staff.';
  }
  if (isDamageError(error)) return 'The kiosk’s data is damaged; it repairs itself at the next start. Please tell the staff.';
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) return 'The kiosk’s storage failed to write; nothing was saved. Please tell the staff.';
  return null;
}

function fail(error: KioskError): Result<never> {
  return { ok: false, error };
}
