import { useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput, KioskError } from '../../../electron/shared/contract';
import { api } from './client';

export type CallState<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: KioskError };

/** Runs a contract call and runs it again whenever the local catalog changes. */
export function useCall<N extends CallName>(name: N, input: CallInput<N>): CallState<CallOutput<N>> {
  const [state, setState] = useState<CallState<CallOutput<N>>>({ status: 'loading' });
  const key = JSON.stringify(input);

  useEffect(() => {
    let current = true;
    const load = () => {
      void api.invoke(name, JSON.parse(key) as CallInput<N>).then((result) => {
        if (!current) return;
        setState(result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error });
      });
    };
    load();
    const off = api.on('catalog.changed', load);
    return () => {
      current = false;
      off();
    };
  }, [name, key]);

  return state;
}
