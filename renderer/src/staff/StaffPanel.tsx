import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode, Language, StaffPanel } from '../../../electron/shared/contract';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useForumTime } from '../state/kiosk-info';
import { useSettings } from '../state/settings';
import { Choices, NoteLine, Section, useErrorNote, type Note, type Run, type SectionProps } from './common';
import { useDialogFocus } from './dialog';
import { HubSection } from './HubSection';
import { KioskSection, PlaceSection } from './KioskSection';
import { PresentationSection } from './PresentationSection';
import { actionName, formatSeconds, words } from './words';
import '../screens/find.css';

/** Idle timeouts staff choose from, in seconds (the contract allows 15 to 3600). */
export const idleChoices = [30, 60, 90, 120, 180, 300] as const;

/**
 * The staff panel, full screen over everything, in the language of the screen (its own switch changes it): the
 * kiosk's name and place, the hub and sync, what visitors get, the presentation, maintenance and the log of staff
 * actions. Closing it logs the staff member out.
 */
export function StaffPanelDialog({ onLogOut, onInfoChanged }: { onLogOut: () => void; onInfoChanged: () => void }) {
  const { pick, t, errorMessage } = useI18n();
  const { settings, update } = useSettings();
  const [panel, setPanelState] = useState<StaffPanel | null>(null);
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const dialog = useDialogFocus<HTMLDivElement>(onLogOut);

  const logOut = useRef(onLogOut);
  const infoChanged = useRef(onInfoChanged);
  useEffect(() => {
    logOut.current = onLogOut;
    infoChanged.current = onInfoChanged;
  }, [onLogOut, onInfoChanged]);

  const run = useCallback<Run>(async (name, input) => {
    const result = await api.invoke(name, input);
    // The session ended meanwhile (idle, the hub reset the PIN): the panel goes, as after "Log out".
    if (!result.ok && result.error.code === 'unauthorized') {
      logOut.current();
      return result;
    }
    // Every action is logged by the core, a failed one too: the log and the sync state on the panel follow.
    if (name !== 'staff.panel') {
      void api.invoke('staff.panel', {}).then((fresh) => {
        if (fresh.ok) setPanelState((current) => current && { ...current, recentActions: fresh.value.recentActions, sync: fresh.value.sync });
      });
    }
    return result;
  }, []);

  const setPanel = useCallback((next: StaffPanel) => {
    setPanelState(next);
    // Name, zone, position, idle timeout and language are the kiosk's info too: the screens follow at once.
    infoChanged.current();
  }, []);

  useEffect(() => {
    let live = true;
    void run('staff.panel', {}).then((result) => {
      if (!live) return;
      if (result.ok) setPanelState(result.value);
      else setFailure(result.error.code);
    });
    // Sync and presentation move on while the panel is open.
    const offSync = api.on('sync.status', (status) => setPanelState((current) => current && { ...current, sync: { ...current.sync, ...status } }));
    const offPresentation = api.on('presentation.changed', (presentation) => setPanelState((current) => current && { ...current, presentation }));
    return () => {
      live = false;
      offSync();
      offPresentation();
    };
  }, [run]);

  return (
    <div ref={dialog} className="staff-panel" role="dialog" aria-modal="true" aria-labelledby="staff-panel-title" tabIndex={-1}>
      <header className="staff-panel-head">
        <div>
          <h2 id="staff-panel-title">{pick(words.panelTitle)}</h2>
          {panel && (
            <p className="muted staff-who">
              {pick(words.loggedInAs)}: <strong>{panel.session.name}</strong>
            </p>
          )}
        </div>
        <div className="staff-actions">
          <button type="button" className="staff-button" aria-label={t('switchLanguageLabel')} onClick={() => update({ language: settings.language === 'ru' ? 'en' : 'ru' })}>
            {t('switchLanguage')}
          </button>
          <button type="button" className="staff-button primary" onClick={onLogOut}>
            {pick(words.logOut)}
          </button>
        </div>
      </header>
      <div className="staff-panel-body">
        {!panel ? (
          failure ? (
            <p className="staff-error" role="alert">
              {errorMessage(failure)}
            </p>
          ) : (
            <p className="muted" aria-live="polite">
              {pick(words.loadingPanel)}
            </p>
          )
        ) : (
          <>
            <KioskSection panel={panel} setPanel={setPanel} run={run} />
            <PlaceSection panel={panel} setPanel={setPanel} run={run} />
            <VisitorsSection panel={panel} setPanel={setPanel} run={run} />
            <PresentationSection panel={panel} setPanel={setPanel} run={run} onStarted={onLogOut} onStopped={onLogOut} />
            <HubSection panel={panel} setPanel={setPanel} run={run} />
            <MaintenanceSection panel={panel} setPanel={setPanel} run={run} />
            <ActionsSection panel={panel} setPanel={setPanel} run={run} />
          </>
        )}
      </div>
    </div>
  );
}

/** What visitors get: the idle timeout before the kiosk starts over, and the language it starts in. */
function VisitorsSection({ panel, setPanel, run }: SectionProps) {
  const { pick, language } = useI18n();
  const errorNote = useErrorNote();
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const change = async (input: { idleSeconds?: number; defaultLanguage?: Language }, done: string) => {
    setBusy(true);
    const result = await run('staff.settings', input);
    setBusy(false);
    if (!result.ok) return setNote(errorNote(result.error));
    setPanel(result.value);
    setNote({ kind: 'ok', text: done });
  };
  const idle = panel.kiosk.idleSeconds;
  const idleOptions = (idleChoices as readonly number[]).includes(idle) ? [...idleChoices] : [...idleChoices, idle].sort((a, b) => a - b);
  return (
    <Section id="visitors" title={words.visitors}>
      <Choices
        label={pick(words.idleTimeout)}
        options={idleOptions.map((value) => ({ value, text: formatSeconds(value, language) }))}
        value={idle}
        disabled={busy}
        onChoose={(idleSeconds) => void change({ idleSeconds }, pick(words.idleSaved))}
      />
      <Choices
        label={pick(words.defaultLanguage)}
        options={[
          { value: 'ru', text: words.russian.ru, lang: 'ru' },
          { value: 'en', text: words.english.en, lang: 'en' },
        ]}
        value={panel.kiosk.defaultLanguage}
        disabled={busy}
        onChoose={(defaultLanguage) => void change({ defaultLanguage }, pick(words.languageSaved))}
      />
      <NoteLine note={note} />
    </Section>
  );
}

/** Reload the screen; quit to the desktop (only in the kiosk app, where the core can quit). */
function MaintenanceSection({ panel, run }: SectionProps) {
  const { pick } = useI18n();
  const errorNote = useErrorNote();
  const [note, setNote] = useState<Note>(null);
  const act = async (name: 'staff.reload' | 'staff.quit') => {
    const result = await run(name, {});
    // On success the screen reloads (event `kiosk.reload`) or the app quits: nothing to say here.
    if (!result.ok) setNote(errorNote(result.error));
  };
  return (
    <Section id="maintenance" title={words.maintenance}>
      <div className="staff-actions">
        <button type="button" className="staff-button" onClick={() => void act('staff.reload')}>
          {pick(words.reload)}
        </button>
        {panel.canQuit && (
          <button type="button" className="staff-button danger" onClick={() => void act('staff.quit')}>
            {pick(words.quit)}
          </button>
        )}
      </div>
      <NoteLine note={note} />
    </Section>
  );
}

/** The newest staff actions at this kiosk, as the core logged them (they also reach the hub). */
function ActionsSection({ panel }: SectionProps) {
  const { pick, language } = useI18n();
  const format = useForumTime();
  const actions = panel.recentActions;
  return (
    <Section id="actions" title={words.recentActions}>
      {actions.length === 0 ? (
        <p className="muted">{pick(words.noActions)}</p>
      ) : (
        <ul className="staff-log" aria-label={pick(words.recentActions)}>
          {actions.map((action, index) => (
            <li key={`${action.at}-${index}`}>
              <span className="muted">{Number.isNaN(Date.parse(action.at)) ? action.at : format(action.at, language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}</span>{' '}
              <strong>{action.staffName}</strong> — {actionName(action.action, language)}
              {action.detail ? `: ${action.detail}` : ''}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
