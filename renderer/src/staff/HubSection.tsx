import { useCallback, useState } from 'react';
import { OnScreenKeyboard, type KeyboardAction } from '../components/OnScreenKeyboard';
import { useI18n } from '../i18n/i18n';
import { useForumTime } from '../state/kiosk-info';
import { NoteLine, Section, useErrorNote, type Note, type SectionProps } from './common';
import { blockedNames, syncStateNames, words } from './words';

/** How an address may look: a host (name or IP) with an optional port, with or without http:// or https://. */
const addressPattern = /^(https?:\/\/)?[a-z0-9.-]+(:\d{1,5})?\/?$/i;

/** Sync with the hub: where it stands, "sync now", and enrollment with a hub (its address and a one-time code). */
export function HubSection({ panel, setPanel, run }: SectionProps) {
  const { pick, language } = useI18n();
  const format = useForumTime();
  const errorNote = useErrorNote();
  const [syncNote, setSyncNote] = useState<Note>(null);
  const { sync } = panel;
  const when = (iso: string) => {
    if (!iso || Number.isNaN(Date.parse(iso))) return iso;
    return format(iso, language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  };

  const syncNow = async () => {
    const result = await run('staff.syncNow', {});
    if (!result.ok) return setSyncNote(errorNote(result.error));
    const fresh = await run('staff.panel', {});
    if (fresh.ok) setPanel(fresh.value);
    const state = fresh.ok ? fresh.value.sync.state : sync.state;
    setSyncNote(state === 'not_enrolled' ? { kind: 'info', text: pick(words.syncNoHub) } : { kind: 'ok', text: pick(words.syncAsked) });
  };

  const errors = sync.recentErrors;
  return (
    <Section id="hub" title={words.hub}>
      <dl className="staff-facts">
        <div>
          <dt>{pick(words.syncState)}</dt>
          <dd className="staff-sync-state">
            {pick(syncStateNames[sync.state])}
            {sync.blocked ? `: ${pick(blockedNames[sync.blocked])}` : ''}
          </dd>
        </div>
        <div>
          <dt>{pick(words.hubAddress)}</dt>
          <dd className="staff-mono">{sync.hubUrl || pick(words.notSet)}</dd>
        </div>
        <div>
          <dt>{pick(words.lastSync)}</dt>
          <dd>{sync.lastSyncAt ? when(sync.lastSyncAt) : pick(words.never)}</dd>
        </div>
        <div>
          <dt>{pick(words.outbox)}</dt>
          <dd>{sync.outbox}</dd>
        </div>
        <div>
          <dt>{pick(words.pendingEdits)}</dt>
          <dd>{sync.pendingEdits}</dd>
        </div>
        <div>
          <dt>{pick(words.mediaBacklog)}</dt>
          <dd>{sync.mediaBacklog}</dd>
        </div>
        <div>
          <dt>{pick(words.deviceId)}</dt>
          <dd className="staff-mono">{sync.deviceId}</dd>
        </div>
      </dl>
      <div className="staff-field">
        <span className="staff-label">{pick(words.recentErrors)}</span>
        {errors.length === 0 && !sync.lastError ? (
          <p className="muted">{pick(words.noErrors)}</p>
        ) : (
          <ul className="staff-log" aria-label={pick(words.recentErrors)}>
            {sync.lastError && !errors.some((error) => error.text.includes(sync.lastError)) && <li>{sync.lastError}</li>}
            {errors.map((error, index) => (
              <li key={`${error.at}-${index}`}>
                <span className="muted">{when(error.at)}</span> {error.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="staff-actions">
        <button type="button" className="staff-button primary" onClick={() => void syncNow()}>
          {pick(words.syncNow)}
        </button>
      </div>
      <NoteLine note={syncNote} />
      <Enrollment initialAddress={sync.hubUrl} setPanel={setPanel} run={run} />
    </Section>
  );
}

type Field = 'address' | 'code';

function Enrollment({ initialAddress, setPanel, run }: { initialAddress: string } & Pick<SectionProps, 'setPanel' | 'run'>) {
  const { pick } = useI18n();
  const errorNote = useErrorNote();
  const [address, setAddress] = useState(initialAddress);
  const [code, setCode] = useState('');
  const [field, setField] = useState<Field>('address');
  const [note, setNote] = useState<Note>(null);
  const [problem, setProblem] = useState<Field | null>(null);
  const [busy, setBusy] = useState(false);

  const onKey = useCallback(
    (action: KeyboardAction) => {
      const apply = (current: string) => (action.type === 'clear' ? '' : action.type === 'backspace' ? current.slice(0, -1) : current + action.text);
      if (field === 'address') setAddress((current) => apply(current).slice(0, 300));
      else setCode((current) => apply(current).toUpperCase().slice(0, 64));
    },
    [field],
  );

  const enroll = async () => {
    if (busy) return;
    const hubUrl = address.trim();
    const oneTime = code.trim();
    // Bad input keeps what was typed, with the reason and the field marked.
    if (hubUrl === '') return fail('address', pick(words.addressMissing));
    if (!addressPattern.test(hubUrl)) return fail('address', pick(words.addressInvalid));
    if (oneTime.length < 4) return fail('code', pick(words.codeMissing));
    setBusy(true);
    setNote(null);
    const result = await run('staff.enroll', { hubUrl, code: oneTime });
    setBusy(false);
    if (!result.ok) {
      const { error } = result;
      if (error.code === 'invalid_input' && error.issues?.some((issue) => issue.path === 'hubUrl')) return fail('address', pick(words.addressInvalid), error.message);
      setProblem(null);
      return setNote(errorNote(error, error.code === 'unavailable' ? pick(words.enrollFailed) : undefined));
    }
    setPanel(result.value);
    setProblem(null);
    setCode('');
    setNote({ kind: 'ok', text: pick(words.enrolled) });
  };

  const fail = (where: Field, text: string, detail?: string) => {
    setProblem(where);
    setField(where);
    setNote({ kind: 'error', text, detail });
  };

  return (
    <div className="staff-subsection">
      <h4>{pick(words.enrollTitle)}</h4>
      <p className="muted staff-small">{pick(words.enrollHint)}</p>
      <div className="staff-enroll-fields">
        <label className={`staff-field ${field === 'address' ? 'active' : ''}`}>
          <span className="staff-label">{pick(words.hubAddress)}</span>
          <input
            className="staff-input staff-mono"
            value={address}
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
            placeholder={pick(words.addressExample)}
            aria-invalid={problem === 'address' ? true : undefined}
            onFocus={() => setField('address')}
            onPointerDown={() => setField('address')}
            onChange={(event) => setAddress(event.target.value)}
          />
        </label>
        <label className={`staff-field ${field === 'code' ? 'active' : ''}`}>
          <span className="staff-label">{pick(words.enrollCode)}</span>
          <input
            className="staff-input staff-mono"
            value={code}
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
            placeholder={pick(words.codeExample)}
            aria-invalid={problem === 'code' ? true : undefined}
            onFocus={() => setField('code')}
            onPointerDown={() => setField('code')}
            onChange={(event) => setCode(event.target.value.toUpperCase())}
          />
        </label>
      </div>
      <NoteLine note={note} />
      <div className="staff-actions">
        <button type="button" className="staff-button primary" disabled={busy} onClick={() => void enroll()}>
          {busy ? pick(words.enrolling) : pick(words.enroll)}
        </button>
      </div>
      <OnScreenKeyboard mode={field} onAction={onKey} />
    </div>
  );
}
