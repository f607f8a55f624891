import type { ReactNode } from 'react';
import type { Bilingual, CallInput, CallName, CallOutput, KioskError, Result, StaffPanel } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';

/** What one section of the panel says after an action: done (status) or not (alert, with the core's words below). */
export type Note = { kind: 'ok' | 'info' | 'error'; text: string; detail?: string } | null;

/** A staff call from the panel: an `unauthorized` answer (the session ended) closes the panel by itself. */
export type Run = <N extends CallName>(name: N, input: CallInput<N>) => Promise<Result<CallOutput<N>>>;

/** What every section gets from the panel. */
export type SectionProps = {
  panel: StaffPanel;
  setPanel: (panel: StaffPanel) => void;
  run: Run;
};

export function NoteLine({ note }: { note: Note }) {
  const { pick } = useI18n();
  if (!note) return null;
  if (note.kind !== 'error') {
    return (
      <p className={note.kind === 'ok' ? 'staff-ok' : 'staff-info'} role="status">
        {note.text}
      </p>
    );
  }
  return (
    <div className="staff-note-error">
      <p className="staff-error" role="alert">
        {note.text}
      </p>
      {note.detail && (
        <p className="muted staff-small">
          {pick({ ru: 'Подробности', en: 'Details' })}: {note.detail}
        </p>
      )}
    </div>
  );
}

/** The error of a call in the staff member's language; the core's own message goes underneath as a detail. */
export function useErrorNote() {
  const { errorMessage } = useI18n();
  return (error: KioskError, text?: string): Note => ({ kind: 'error', text: text ?? errorMessage(error.code), detail: error.message || undefined });
}

export function Section({ id, title, children }: { id: string; title: Bilingual; children: ReactNode }) {
  const { pick } = useI18n();
  return (
    <section className="staff-section" aria-labelledby={`staff-${id}-title`}>
      <h3 id={`staff-${id}-title`}>{pick(title)}</h3>
      {children}
    </section>
  );
}

/** Buttons of which one is chosen (aria-pressed), in a named group. */
export function Choices<T extends string | number>({
  label,
  options,
  value,
  onChoose,
  disabled = false,
}: {
  label: string;
  options: { value: T; text: string; lang?: string }[];
  value: T | null;
  onChoose: (value: T) => void;
  disabled?: boolean;
}) {
  return (
    <div className="staff-field">
      <span className="staff-label" aria-hidden="true">
        {label}
      </span>
      <div className="staff-choices" role="group" aria-label={label}>
        {options.map((option) => (
          <button
            key={String(option.value)}
            type="button"
            className="staff-chip"
            lang={option.lang}
            aria-pressed={option.value === value}
            disabled={disabled}
            onClick={() => onChoose(option.value)}
          >
            {option.text}
          </button>
        ))}
      </div>
    </div>
  );
}
