import { useEffect, useState } from 'react';
import type { EditRecord, ErrorCode, Language } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';
import { useExhibitorHost } from './context';
import type { FieldValue } from './drafts';
import { fieldTitle, problemMessage, stateText, words } from './words';

/** Long texts are cut in the list; the editor and the preview show them whole. */
const shownLength = 160;

function shownValue(field: string, value: FieldValue, language: Language): string {
  if (field === 'hidden') return (value === 1 ? words.hidden : words.shown)[language];
  if (field === 'cover_sha256') return (value === null ? words.none : words.anotherPhoto)[language];
  if (value === null || value === '') return words.empty[language];
  const text = String(value);
  return text.length > shownLength ? `${text.slice(0, shownLength)}…` : text;
}

/**
 * "My edits": every edit made at this kiosk by the exhibitor, newest first, with where it stands: saved here
 * (waiting to be sent), published, waiting for review, approved, rejected with the reason, or in conflict with a
 * change made elsewhere (both versions shown). Follows sync as it happens.
 */
export function EditsList({ version, onExpired }: { version: number; onExpired: () => void }) {
  const host = useExhibitorHost();
  const { t, pick, language, locale, errorMessage } = useI18n();
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ok'; edits: EditRecord[] } | { status: 'error'; code: ErrorCode }>({ status: 'loading' });
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    const again = () => setRefresh((n) => n + 1);
    const offs = [host.api.on('sync.status', again), host.api.on('catalog.changed', again)];
    return () => offs.forEach((off) => off());
  }, [host.api]);

  useEffect(() => {
    let current = true;
    void host.api.invoke('exhibitor.edits', {}).then((result) => {
      if (!current) return;
      if (result.ok) setState({ status: 'ok', edits: result.value });
      else if (result.error.code === 'unauthorized') onExpired();
      else setState({ status: 'error', code: result.error.code });
    });
    return () => {
      current = false;
    };
  }, [host.api, version, refresh, onExpired]);

  if (state.status === 'loading') return <p className="muted loading">{t('loading')}</p>;
  if (state.status === 'error') return <p className="notice" role="alert">{errorMessage(state.code)}</p>;
  if (state.edits.length === 0) return <p className="notice">{pick(words.noEdits)}</p>;

  const when = (iso: string) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleString(locale, { timeZone: host.timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  };

  return (
    <ul className="list exh-edits" aria-label={pick(words.myEdits)}>
      {state.edits.map((edit) => (
        <li key={edit.id} className="exh-edit">
          <div className="exh-edit-head">
            <strong className="exh-edit-title">{pick(edit.title)}</strong>
            <span className={`exh-state exh-state-${edit.state}`}>{pick(stateText[edit.state])}</span>
          </div>
          <p className="muted exh-edit-time">
            {pick(words.savedAt)}: {when(edit.savedAt)}
          </p>
          <ul className="exh-changes">
            {edit.changes.map((change) => (
              <li key={change.field}>
                <span className="muted">{fieldTitle(change.field, language)}:</span> <span className="exh-value">{shownValue(change.field, change.to, language)}</span>
              </li>
            ))}
          </ul>
          {edit.state === 'rejected' && edit.reason && (
            <p className="exh-reason">
              {pick(words.reason)}: {problemMessage(edit.reason, language)}
            </p>
          )}
          {edit.state === 'conflict' && edit.conflicts.length > 0 && (
            <dl className="exh-conflicts">
              {edit.conflicts.map((conflict) => (
                <div key={conflict.field} className="exh-conflict">
                  <dt>{fieldTitle(conflict.field, language)}</dt>
                  <dd>
                    <span className="muted">{pick(words.hubVersion)}:</span> <span className="exh-value">{shownValue(conflict.field, conflict.hub, language)}</span>
                  </dd>
                  <dd>
                    <span className="muted">{pick(words.myVersion)}:</span> <span className="exh-value">{shownValue(conflict.field, conflict.mine, language)}</span>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}
