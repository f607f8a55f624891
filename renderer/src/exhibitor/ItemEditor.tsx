import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EditableField, EditableItem, EditRecord, ExhibitorSession, Language, MediaRef } from '../../../electron/shared/contract';
import { OnScreenKeyboard, type KeyboardAction } from '../components/OnScreenKeyboard';
import { useI18n } from '../i18n/i18n';
import { useExhibitorHost } from './context';
import { currentValue, groupFields, hasChanges, mergedValues, withValue, type Draft, type FieldValue } from './drafts';
import { applyKey, stepCaret } from './editing';
import { CoverPicker, PhotoUpload, TextField, VisibilityToggle, type TextElement } from './fields';
import { Preview } from './Preview';
import { fieldLabel, problemMessage, savedText, words } from './words';
import '../screens/find.css';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; record: EditRecord }
  | { kind: 'invalid'; general: string | null }
  | { kind: 'failed'; message: string };

const knownProblems = new Set(['too_long', 'invalid_characters', 'unknown_media', 'invalid_value', 'field_not_editable', 'no_change']);

/** A problem the core found with one field, in words: the core's codes, or (for anything else) "not allowed". */
function fieldProblemText(code: string, field: EditableField, language: Language): string {
  if (code === 'too_long' && field.kind === 'text') {
    return language === 'ru'
      ? `Слишком длинный текст (допустимо знаков: ${field.maxLength}). Сократите его.`
      : `The text is too long (at most ${field.maxLength} characters). Please shorten it.`;
  }
  return problemMessage(knownProblems.has(code) ? code : 'invalid_value', language);
}

/**
 * One item's editor: an input per field (Russian and English side by side), a counter per text, the cover and the
 * show/hide switch for a project, the preview, and Save. On a kiosk the on-screen keyboard types into the field last
 * touched, at its caret. A save the core refuses leaves the draft as it is, with the reason next to the field.
 */
export function ItemEditor({
  item,
  session,
  draft,
  onDraft,
  onBack,
  onSaved,
  onPhotoAdded,
  onExpired,
}: {
  item: EditableItem;
  session: ExhibitorSession;
  draft: Draft | undefined;
  onDraft: (draft: Draft) => void;
  onBack: () => void;
  onSaved: (record: EditRecord) => void;
  onPhotoAdded: (photo: MediaRef) => void;
  onExpired: () => void;
}) {
  const host = useExhibitorHost();
  const { pick, language, errorMessage } = useI18n();
  const titleId = useId();
  const [active, setActive] = useState<string | null>(null);
  const [capital, setCapital] = useState(false);
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const changed = hasChanges(draft);
  const groups = useMemo(() => groupFields(item.fields), [item.fields]);

  // The inputs by field name, to type at their caret and to put the caret back after a key.
  const elements = useRef(new Map<string, TextElement>());
  const pendingCaret = useRef<{ field: string; caret: number } | null>(null);
  const registers = useMemo(
    () =>
      Object.fromEntries(
        item.fields.map((field) => [
          field.name,
          (element: TextElement | null) => {
            if (element) elements.current.set(field.name, element);
            else elements.current.delete(field.name);
          },
        ]),
      ),
    [item.fields],
  );

  useLayoutEffect(() => {
    const pending = pendingCaret.current;
    if (!pending) return;
    pendingCaret.current = null;
    const element = elements.current.get(pending.field);
    if (!element) return;
    element.focus({ preventScroll: true });
    element.setSelectionRange(pending.caret, pending.caret);
  });

  // The keyboard takes the lower part of the screen: keep the field being typed in above it.
  useLayoutEffect(() => {
    if (active) elements.current.get(active)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const setValue = (field: string, value: FieldValue) => {
    onDraft(withValue(item, draft, field, value));
    if (problems[field]) {
      setProblems((current) => {
        const rest = { ...current };
        delete rest[field];
        return rest;
      });
    }
    if (saveState.kind === 'saved' || saveState.kind === 'failed') setSaveState({ kind: 'idle' });
  };

  const onKey = (action: KeyboardAction) => {
    if (!active) return;
    const element = elements.current.get(active);
    const value = String(currentValue(item, draft, active) ?? '');
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    let key = action;
    if (action.type === 'insert' && capital) {
      key = { type: 'insert', text: action.text.toLocaleUpperCase(active.endsWith('_en') ? 'en' : 'ru') };
      setCapital(false);
    }
    const next = applyKey(value, start, end, key);
    pendingCaret.current = { field: active, caret: next.caret };
    setValue(active, next.value);
  };

  const moveCaret = (direction: -1 | 1) => {
    const element = active ? elements.current.get(active) : undefined;
    if (!element) return;
    const start = element.selectionStart ?? element.value.length;
    const end = element.selectionEnd ?? start;
    const caret = start !== end ? (direction < 0 ? start : end) : stepCaret(element.value, start, direction);
    element.focus({ preventScroll: true });
    element.setSelectionRange(caret, caret);
  };

  const save = async () => {
    if (!changed || saveState.kind === 'saving') return;
    setSaveState({ kind: 'saving' });
    // Flags cross the contract as 0 or 1.
    const values = Object.fromEntries(Object.entries(draft ?? {}).map(([field, value]) => [field, typeof value === 'number' ? (value ? 1 : 0) : value] as const));
    const result = await host.api.invoke('exhibitor.save', { target: item.target, id: item.id, values });
    if (result.ok) {
      setProblems({});
      setActive(null);
      setSaveState({ kind: 'saved', record: result.value });
      onSaved(result.value);
      return;
    }
    const { error } = result;
    if (error.code === 'unauthorized') {
      setSaveState({ kind: 'idle' });
      onExpired();
      return;
    }
    if (error.code === 'invalid_input' && error.issues && error.issues.length > 0) {
      const byField: Record<string, string> = {};
      let general: string | null = null;
      for (const issue of error.issues) {
        // The core names the field; the contract's own check names it under "values.".
        const name = issue.path.replace(/^values\./, '');
        const field = item.fields.find((candidate) => candidate.name === name);
        if (field) byField[name] = issue.message;
        else general = problemMessage(knownProblems.has(issue.message) ? issue.message : 'invalid_value', language);
      }
      setProblems(byField);
      setSaveState({ kind: 'invalid', general });
      const first = item.fields.find((field) => byField[field.name]);
      if (first) elements.current.get(first.name)?.scrollIntoView({ block: 'center' });
      return;
    }
    setSaveState({ kind: 'failed', message: errorMessage(error.code) });
  };

  const discard = () => {
    onDraft({});
    setProblems({});
    setSaveState({ kind: 'idle' });
  };

  const activeField = item.fields.find((field) => field.name === active);
  const values = mergedValues(item, draft);

  return (
    <section className="exh-editor" aria-labelledby={titleId}>
      <div className="exh-editor-head">
        <button type="button" className="button" onClick={onBack}>
          <span aria-hidden="true">←</span> {pick(words.toList)}
        </button>
        <h3 id={titleId} className="exh-editor-title">
          {pick(item.target === 'exhibitor' ? words.boothEntry : words.project)}: {pick(item.title)}
        </h3>
      </div>

      <div className="exh-editor-scroll">
        {groups.map((group) => {
          const first = group.fields[0];
          if (!first) return null;
          if (first.kind === 'flag') {
            return <VisibilityToggle key={group.base} hidden={currentValue(item, draft, first.name) === 1} onChange={(hidden) => setValue(first.name, hidden ? 1 : 0)} />;
          }
          if (first.kind === 'media') {
            const value = currentValue(item, draft, first.name);
            return (
              <fieldset key={group.base} className="exh-group">
                <legend>{pick(fieldLabel(group.base))}</legend>
                <CoverPicker photos={item.photos} value={typeof value === 'string' ? value : null} onChange={(sha256) => setValue(first.name, sha256)} />
                {problems[first.name] && (
                  <p className="exh-field-problem" role="alert">
                    {fieldProblemText(problems[first.name] ?? '', first, language)}
                  </p>
                )}
                {item.target === 'project' && <PhotoUpload projectId={item.id} onUploaded={onPhotoAdded} />}
              </fieldset>
            );
          }
          return (
            <fieldset key={group.base} className="exh-group">
              <legend>{pick(fieldLabel(group.base))}</legend>
              <div className={group.fields.length > 1 ? 'exh-pair' : 'exh-single'}>
                {group.fields.map((field) =>
                  field.kind === 'text' ? (
                    <TextField
                      key={field.name}
                      field={field}
                      value={String(currentValue(item, draft, field.name) ?? '')}
                      active={active === field.name}
                      problem={problems[field.name] ? fieldProblemText(problems[field.name] ?? '', field, language) : null}
                      register={registers[field.name] ?? (() => undefined)}
                      onChange={(value) => setValue(field.name, value)}
                      onFocus={() => setActive(field.name)}
                    />
                  ) : null,
                )}
              </div>
            </fieldset>
          );
        })}
        <Preview item={item} values={values} session={session} />
      </div>

      <div className="exh-dock">
        <SaveLine state={saveState} />
        <div className="exh-actions">
          <button type="button" className="button primary exh-main-button" disabled={!changed || saveState.kind === 'saving'} onClick={() => void save()}>
            {saveState.kind === 'saving' ? pick(words.saving) : pick(words.save)}
          </button>
          <button type="button" className="button" disabled={!changed} onClick={discard}>
            {pick(words.discard)}
          </button>
        </div>
        {host.keyboard === 'on-screen' && activeField?.kind === 'text' && (
          <KeyboardDock
            multiline={activeField.multiline}
            capital={capital}
            onCapital={() => setCapital((on) => !on)}
            onKey={onKey}
            onCaret={moveCaret}
            onHide={() => {
              elements.current.get(activeField.name)?.blur();
              setActive(null);
            }}
          />
        )}
      </div>
    </section>
  );
}

function SaveLine({ state }: { state: SaveState }) {
  const { pick } = useI18n();
  switch (state.kind) {
    case 'idle':
    case 'saving':
      return null;
    case 'saved':
      return (
        <p className={`exh-save-line exh-state-${state.record.state}`} role="status">
          {pick(savedText[state.record.state])}
        </p>
      );
    case 'invalid':
      return (
        <p className="exh-save-line exh-error" role="alert">
          {state.general ?? pick(words.fixFields)}
        </p>
      );
    case 'failed':
      return (
        <p className="exh-save-line exh-error" role="alert">
          {state.message}
        </p>
      );
  }
}

/** The on-screen keyboard and what editing needs besides letters: a capital, the caret, a new line. */
function KeyboardDock({
  multiline,
  capital,
  onCapital,
  onKey,
  onCaret,
  onHide,
}: {
  multiline: boolean;
  capital: boolean;
  onCapital: () => void;
  onKey: (action: KeyboardAction) => void;
  onCaret: (direction: -1 | 1) => void;
  onHide: () => void;
}) {
  const { pick } = useI18n();
  // Keys must not take the focus from the field: its caret is where the next letter goes.
  const keepFocus = (event: { preventDefault: () => void }) => event.preventDefault();
  return (
    <div className="exh-keyboard-dock">
      <div className="exh-edit-keys">
        <button type="button" className="button" aria-pressed={capital} onMouseDown={keepFocus} onClick={onCapital}>
          <span aria-hidden="true">⇧</span> {pick(words.capital)}
        </button>
        <button type="button" className="button exh-caret-key" aria-label={pick(words.caretLeft)} onMouseDown={keepFocus} onClick={() => onCaret(-1)}>
          <span aria-hidden="true">◀</span>
        </button>
        <button type="button" className="button exh-caret-key" aria-label={pick(words.caretRight)} onMouseDown={keepFocus} onClick={() => onCaret(1)}>
          <span aria-hidden="true">▶</span>
        </button>
        {multiline && (
          <button type="button" className="button" onMouseDown={keepFocus} onClick={() => onKey({ type: 'insert', text: '\n' })}>
            <span aria-hidden="true">↵</span> {pick(words.newLine)}
          </button>
        )}
        <button type="button" className="button exh-hide-keys" onMouseDown={keepFocus} onClick={onHide}>
          {pick(words.doneTyping)}
        </button>
      </div>
      <OnScreenKeyboard onAction={onKey} />
    </div>
  );
}
