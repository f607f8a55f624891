import type { ReactNode } from 'react';
import type { CallState } from '../api/use-call';
import { useI18n } from '../i18n/i18n';

/** Loading and error states shown the same way everywhere (never a raw error); the value is drawn by `children`. */
export function CallView<T>({ state, children }: { state: CallState<T>; children: (value: T) => ReactNode }) {
  const { t, errorMessage } = useI18n();
  if (state.status === 'loading') {
    return (
      <p className="muted loading" aria-live="polite">
        {t('loading')}
      </p>
    );
  }
  if (state.status === 'error') return <p className="notice" role="alert">{errorMessage(state.error.code)}</p>;
  return <>{children(state.value)}</>;
}
