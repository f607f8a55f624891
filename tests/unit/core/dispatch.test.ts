import { describe, expect, it } from 'vitest';
import { createDispatch, joinHandlers, NotFoundError, type HandlerPart, type Handlers } from '../../../electron/core/dispatch';
import { callNames } from '../../../electron/shared/contract';

/** A complete handler table whose every handler echoes its parsed input. */
function echoHandlers(overrides: HandlerPart = {}): Handlers {
  const table: HandlerPart = {};
  for (const name of callNames) Object.assign(table, { [name]: (input: unknown) => input });
  return { ...(table as Handlers), ...overrides };
}

describe('joinHandlers', () => {
  it('refuses a call registered twice', () => {
    expect(() => joinHandlers({ 'kiosk.info': () => ({}) as never }, { 'kiosk.info': () => ({}) as never })).toThrow(/twice: kiosk.info/);
  });

  it('refuses a table that leaves a call of the contract without a handler', () => {
    expect(() => joinHandlers({ search: () => ({ query: '', hits: [] }) })).toThrow(/No handler for: .*kiosk.info/);
  });
});

describe('dispatch (the contract boundary)', () => {
  const dispatch = createDispatch(echoHandlers({ 'projects.get': () => {
    throw new NotFoundError('Project x');
  }, 'regions.list': () => {
    throw new Error('disk on fire');
  } }));

  it('answers an unknown call as a value, not an exception', async () => {
    expect(await dispatch('nope.nothing', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_call' }) });
    expect(await dispatch(42, {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_call' }) });
    expect(await dispatch('__proto__', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_call' }) });
    expect(await dispatch('constructor', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_call' }) });
  });

  it('rejects wrong types with the field that is wrong', async () => {
    const result = await dispatch('projects.list', { regionId: 5, limit: 'ten' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((issue) => issue.path).sort()).toEqual(['limit', 'regionId']);
  });

  it('rejects unknown fields, out-of-range numbers and non-object inputs', async () => {
    for (const input of [{ extra: 1 }, { limit: 0 }, { limit: 101 }, { offset: -1 }, 'text', [1, 2], 7, true]) {
      const result = await dispatch('projects.list', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      expect(!result.ok && result.error.code).toBe('invalid_input');
    }
  });

  it('refuses a 10 KB search string at the boundary', async () => {
    const result = await dispatch('search', { q: 'я'.repeat(10_000) });
    expect(!result.ok && result.error.code).toBe('invalid_input');
  });

  it('applies defaults and passes the parsed input to the handler', async () => {
    expect(await dispatch('projects.list', { regionId: 'omsk' })).toEqual({ ok: true, value: { regionId: 'omsk', offset: 0, limit: 24 } });
    expect(await dispatch('search', { q: 'омск' })).toEqual({ ok: true, value: { q: 'омск', limit: 20 } });
    expect(await dispatch('kiosk.info', undefined)).toEqual({ ok: true, value: {} });
  });

  it('validates dates for programme.nowNext', async () => {
    expect((await dispatch('programme.nowNext', { at: 'yesterday' })).ok).toBe(false);
    expect((await dispatch('programme.nowNext', { at: '2026-12-03T10:30:00+06:00' })).ok).toBe(true);
  });

  it('turns a missing thing into not_found and a failure into internal, without leaking details', async () => {
    expect(await dispatch('projects.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'Project x not found' } });
    const failed = await dispatch('regions.list', {});
    expect(failed).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) as string } });
    expect(JSON.stringify(failed)).not.toContain('disk on fire');
  });
});
