import { useId, useState, type ChangeEvent } from 'react';
import type { EditableField, MediaRef } from '../../../electron/shared/contract';
import { imageSizes, MediaImage } from '../components/MediaImage';
import { useI18n } from '../i18n/i18n';
import { useExhibitorHost } from './context';
import { textLength } from './drafts';
import { fieldTitle, splitFieldName, words } from './words';

type TextRule = Extract<EditableField, { kind: 'text' }>;
export type TextElement = HTMLInputElement | HTMLTextAreaElement;

/** How close to the limit the counter starts to warn: the last tenth, and never fewer than ten characters. */
const nearLimit = (maxLength: number) => Math.max(10, Math.floor(maxLength / 10));

/** Texts allowed this long get a box of several lines even without line breaks. */
const wrapFrom = 300;

/** The phone, e-mail and website fields get the matching keyboard on a phone (the portal). */
const nativeInputMode: Record<string, 'tel' | 'email' | 'url'> = { phone: 'tel', email: 'email', website: 'url' };

/**
 * One text field with its live counter ("123 / 400"), which warns near the limit and past it. On a kiosk the field
 * takes the kiosk's on-screen keyboard (inputMode "none" keeps the system keyboard away, while a tap still places
 * the caret); in the portal, the device's own. Whatever is typed is a value, shown as text.
 */
export function TextField({
  field,
  value,
  active,
  problem,
  register,
  onChange,
  onFocus,
}: {
  field: TextRule;
  value: string;
  active: boolean;
  /** A message from the last save about this field, in the visitor's language. */
  problem: string | null;
  register: (element: TextElement | null) => void;
  onChange: (value: string) => void;
  onFocus: () => void;
}) {
  const host = useExhibitorHost();
  const { language } = useI18n();
  const id = useId();
  const { language: textLanguage } = splitFieldName(field.name);
  const length = textLength(value);
  const left = field.maxLength - length;
  const level = left < 0 ? 'over' : left <= nearLimit(field.maxLength) ? 'near' : 'ok';
  let counter = `${length} / ${field.maxLength}`;
  if (level === 'near') counter += language === 'ru' ? ` · осталось ${left}` : ` · ${left} left`;
  if (level === 'over') counter += language === 'ru' ? ` · лишних знаков: ${-left}` : ` · ${-left} over the limit`;

  const props = {
    id,
    className: 'exh-text-input',
    value,
    lang: textLanguage ?? undefined,
    'aria-label': fieldTitle(field.name, language),
    'aria-describedby': problem ? `${id}-counter ${id}-problem` : `${id}-counter`,
    'aria-invalid': level === 'over' || problem !== null,
    inputMode: host.keyboard === 'on-screen' ? ('none' as const) : nativeInputMode[field.name],
    autoComplete: 'off',
    autoCorrect: 'off',
    spellCheck: false,
    onChange: (event: ChangeEvent<TextElement>) => onChange(event.target.value),
    onFocus,
  };

  return (
    <div className={active ? 'exh-text active' : 'exh-text'}>
      <div className="exh-text-head">
        {textLanguage && (
          <span className="exh-lang-tag" aria-hidden="true">
            {textLanguage.toUpperCase()}
          </span>
        )}
        <span id={`${id}-counter`} className={`exh-counter ${level}`}>
          {counter}
        </span>
      </div>
      {/* Long one-paragraph texts (a summary) wrap in a box of a few lines, so all of it stays in view. */}
      {field.multiline || field.maxLength >= wrapFrom ? <textarea {...props} ref={register} rows={field.multiline ? 5 : 3} /> : <input {...props} ref={register} />}
      {problem && (
        <p id={`${id}-problem`} className="exh-field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Shown to visitors or not: one large switch. */
export function VisibilityToggle({ hidden, onChange }: { hidden: boolean; onChange: (hidden: boolean) => void }) {
  const { pick } = useI18n();
  return (
    <button type="button" className="toggle exh-toggle" aria-pressed={!hidden} onClick={() => onChange(!hidden)}>
      <span>{pick(words.visible)}</span>
      <span className="switch" aria-hidden="true" />
    </button>
  );
}

/** The cover among the project's own photos, as thumbnails; or none. */
export function CoverPicker({ photos, value, onChange }: { photos: readonly MediaRef[]; value: string | null; onChange: (sha256: string | null) => void }) {
  const { pick, language } = useI18n();
  const optionName = (n: number) => (language === 'ru' ? `Обложка — фото ${n}` : `Cover — photo ${n}`);
  return (
    <div className="exh-covers" role="group" aria-label={pick(words.cover)}>
      {photos.map((photo, index) => (
        <button
          key={photo.sha256}
          type="button"
          className="exh-cover"
          aria-pressed={value === photo.sha256}
          aria-label={optionName(index + 1)}
          onClick={() => onChange(photo.sha256)}
        >
          <MediaImage media={photo} className="exh-cover-thumb" sizes={imageSizes.card} decorative />
        </button>
      ))}
      <button type="button" className="exh-cover exh-cover-none" aria-pressed={value === null} onClick={() => onChange(null)}>
        {pick(words.noCover)}
      </button>
    </div>
  );
}

/** The portal's way to add a photo to a project (a kiosk has no files to choose from, so it never shows this). */
export function PhotoUpload({ projectId, onUploaded }: { projectId: string; onUploaded: (photo: MediaRef) => void }) {
  const host = useExhibitorHost();
  const { pick } = useI18n();
  const [state, setState] = useState<'idle' | 'uploading' | 'failed'>('idle');
  const upload = host.uploadPhoto;
  if (!upload) return null;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setState('uploading');
    try {
      onUploaded(await upload(projectId, file));
      setState('idle');
    } catch {
      setState('failed');
    }
  };

  return (
    <div className="exh-upload">
      <label className="button exh-upload-button">
        {pick(words.addPhoto)}
        <input type="file" accept="image/jpeg,image/png,image/webp" className="exh-visually-hidden" disabled={state === 'uploading'} onChange={(event) => void onFile(event)} />
      </label>
      {state === 'uploading' && (
        <span className="muted" role="status">
          {pick(words.uploading)}
        </span>
      )}
      {state === 'failed' && (
        <span className="exh-field-problem" role="alert">
          {pick(words.uploadFailed)}
        </span>
      )}
    </div>
  );
}
