import { useI18n } from '../i18n/i18n';

export function IdleDialog({ secondsLeft, onStay, onLeave }: { secondsLeft: number; onStay: () => void; onLeave: () => void }) {
  const { t, language } = useI18n();
  // A touch on the dim area around the dialog keeps the visitor too, on its click (once the finger has lifted); the
  // buttons remain the way for assistive technology.
  return (
    <div className="overlay" onClick={(event) => event.target === event.currentTarget && onStay()}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 id="idle-title">{t('stillThere')}</h2>
        <p id="idle-text" aria-live="polite">
          {language === 'ru' ? `Киоск начнёт сначала через ${secondsLeft} с.` : `The kiosk will start over in ${secondsLeft} s.`}
        </p>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onStay}>
            {t('continue')}
          </button>
          <button type="button" onClick={onLeave}>
            {t('startOver')}
          </button>
        </div>
      </div>
    </div>
  );
}
