import { useCallback, useState, type MouseEvent } from 'react';
import type { HallPlan } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { OnScreenKeyboard, type KeyboardAction } from '../components/OnScreenKeyboard';
import { useI18n } from '../i18n/i18n';
import { Choices, NoteLine, Section, useErrorNote, type Note, type SectionProps } from './common';
import { words } from './words';

/** The contract's limit on a kiosk name. */
const maxNameLength = 60;

/** The kiosk's name (on the hub's dashboard), id and version; the name is typed on the kiosk's own keyboard. */
export function KioskSection({ panel, setPanel, run }: SectionProps) {
  const { pick } = useI18n();
  const errorNote = useErrorNote();
  const [editing, setEditing] = useState<string | null>(null);
  const [capital, setCapital] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);

  const onKey = useCallback(
    (action: KeyboardAction) => {
      setEditing((current) => {
        if (current === null) return current;
        if (action.type === 'clear') return '';
        if (action.type === 'backspace') return Array.from(current).slice(0, -1).join('');
        return (current + (capital ? action.text.toUpperCase() : action.text)).slice(0, maxNameLength + 10);
      });
      if (action.type === 'insert' && capital) setCapital(false);
    },
    [capital],
  );

  const save = async () => {
    if (editing === null || busy) return;
    const name = editing.trim();
    // Bad input keeps what was typed, with the reason.
    if (name === '') return setNote({ kind: 'error', text: pick(words.nameEmpty) });
    if (name.length > maxNameLength) return setNote({ kind: 'error', text: pick(words.nameTooLong) });
    setBusy(true);
    const result = await run('staff.settings', { name });
    setBusy(false);
    if (!result.ok) return setNote(errorNote(result.error));
    setPanel(result.value);
    setEditing(null);
    setNote({ kind: 'ok', text: pick(words.nameSaved) });
  };

  return (
    <Section id="kiosk" title={words.kiosk}>
      <dl className="staff-facts">
        <div>
          <dt>{pick(words.kioskName)}</dt>
          <dd className="staff-kiosk-name">{panel.kiosk.name}</dd>
        </div>
        <div>
          <dt>{pick(words.kioskId)}</dt>
          <dd className="staff-mono">{panel.kiosk.kioskId}</dd>
        </div>
        <div>
          <dt>{pick(words.appVersion)}</dt>
          <dd>{panel.kiosk.appVersion}</dd>
        </div>
      </dl>
      {editing === null ? (
        <div className="staff-actions">
          <button
            type="button"
            className="staff-button"
            onClick={() => {
              setEditing(panel.kiosk.name);
              setNote(null);
            }}
          >
            {pick(words.rename)}
          </button>
        </div>
      ) : (
        <div className="staff-editor">
          <label className="staff-field">
            <span className="staff-label">{pick(words.kioskName)}</span>
            {/* inputMode "none": the system keyboard never pops up; the kiosk's own is below. */}
            <input
              className="staff-input"
              value={editing}
              inputMode="none"
              autoComplete="off"
              aria-invalid={note?.kind === 'error' ? true : undefined}
              onChange={(event) => setEditing(event.target.value)}
            />
          </label>
          <NoteLine note={note} />
          <div className="staff-actions">
            <button type="button" className="staff-button primary" disabled={busy} onClick={() => void save()}>
              {pick(words.saveName)}
            </button>
            <button
              type="button"
              className="staff-button"
              onClick={() => {
                setEditing(null);
                setNote(null);
              }}
            >
              {pick(words.cancel)}
            </button>
            <button type="button" className="staff-button" aria-pressed={capital} onClick={() => setCapital((on) => !on)}>
              <span aria-hidden="true">⇧</span> {pick(words.capital)}
            </button>
          </div>
          <OnScreenKeyboard onAction={onKey} />
        </div>
      )}
      {editing === null && <NoteLine note={note} />}
    </Section>
  );
}

/** The hall zone the kiosk stands in (the hub groups kiosks by it) and its place on the plan ("you are here"). */
export function PlaceSection({ panel, setPanel, run }: SectionProps) {
  const { pick } = useI18n();
  const plan = useCall('hall.plan', {});
  return (
    <Section id="place" title={words.place}>
      <CallView state={plan}>{(value) => <PlaceEditor plan={value} panel={panel} setPanel={setPanel} run={run} />}</CallView>
      <p className="muted staff-small">{pick(words.positionHint)}</p>
    </Section>
  );
}

/** Room around the drawing, in plan units, so a kiosk at the wall can be marked. */
const margin = 3;

function PlaceEditor({ plan, panel, setPanel, run }: SectionProps & { plan: HallPlan }) {
  const { pick } = useI18n();
  const errorNote = useErrorNote();
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const position = panel.kiosk.position;

  const change = async (input: { zone?: string; position?: { x: number; y: number } | null }, done: string) => {
    setBusy(true);
    const result = await run('staff.settings', input);
    setBusy(false);
    if (!result.ok) return setNote(errorNote(result.error));
    setPanel(result.value);
    setNote({ kind: 'ok', text: done });
  };

  // A touch on the drawing, in the plan's own units (the drawing is scaled to fit the panel).
  const onPlanTap = (event: MouseEvent<SVGSVGElement>) => {
    if (busy) return;
    const svg = event.currentTarget;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const x = Math.round(Math.min(plan.width, Math.max(0, point.x)));
    const y = Math.round(Math.min(plan.height, Math.max(0, point.y)));
    void change({ position: { x, y } }, pick(words.positionSaved));
  };

  const zones = [...plan.zones].sort((a, b) => pick(a.name).localeCompare(pick(b.name)));
  return (
    <>
      <Choices
        label={pick(words.zone)}
        options={[{ value: '', text: pick(words.noZone) }, ...zones.map((zone) => ({ value: zone.id, text: pick(zone.name) }))]}
        value={panel.kiosk.zone}
        disabled={busy}
        onChoose={(zone) => void change({ zone }, pick(words.zoneSaved))}
      />
      <div className="staff-field">
        <span className="staff-label">{pick(words.position)}</span>
        <svg
          className="staff-plan"
          viewBox={`${-margin} ${-margin} ${plan.width + 2 * margin} ${plan.height + 2 * margin}`}
          role="group"
          aria-label={pick(words.planButton)}
          onClick={onPlanTap}
        >
          <rect className="staff-plan-floor" x={-margin} y={-margin} width={plan.width + 2 * margin} height={plan.height + 2 * margin} rx="1" />
          {plan.zones.map((zone) => (
            <rect
              key={zone.id}
              className={`staff-plan-zone ${zone.id === panel.kiosk.zone ? 'chosen' : ''}`}
              x={zone.x}
              y={zone.y}
              width={zone.width}
              height={zone.height}
              rx="0.8"
              aria-hidden="true"
            />
          ))}
          {plan.booths.map((booth) => (
            <rect key={booth.exhibitorId} className="staff-plan-booth" x={booth.x} y={booth.y} width={booth.width} height={booth.height} aria-hidden="true" />
          ))}
          {position && (
            <g className="staff-plan-marker" role="img" aria-label={pick(words.kioskHere)}>
              <circle cx={position.x} cy={position.y} r="2.6" className="staff-plan-halo" />
              <circle cx={position.x} cy={position.y} r="1.3" />
            </g>
          )}
        </svg>
        {!position && <p className="muted staff-small">{pick(words.noPosition)}</p>}
      </div>
      <NoteLine note={note} />
      {position && (
        <div className="staff-actions">
          <button type="button" className="staff-button" disabled={busy} onClick={() => void change({ position: null }, pick(words.positionCleared))}>
            {pick(words.clearPosition)}
          </button>
        </div>
      )}
    </>
  );
}
