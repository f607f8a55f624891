import { useI18n } from '../i18n/i18n';
import { textScales, useSettings } from '../state/settings';

/** Larger text, high contrast, reach mode and reduced motion; every option a large toggle button. */
export function AccessibilityPanel({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { settings, update } = useSettings();
  return (
    <div className="overlay" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="a11y-title" onClick={(event) => event.stopPropagation()}>
        <h2 id="a11y-title">{t('accessibility')}</h2>
        <div role="group" aria-labelledby="text-size-label" className="option-row">
          <span id="text-size-label">{t('textSize')}</span>
          <div className="segmented">
            {textScales.map((scale) => (
              <button
                key={scale}
                type="button"
                aria-pressed={settings.textScale === scale}
                onClick={() => update({ textScale: scale })}
                style={{ fontSize: `${0.8 + scale * 0.3}rem` }}
              >
                {Math.round(scale * 100)}%
              </button>
            ))}
          </div>
        </div>
        <Toggle label={t('highContrast')} pressed={settings.highContrast} onChange={(value) => update({ highContrast: value })} />
        <Toggle label={t('reachMode')} pressed={settings.reachMode} onChange={(value) => update({ reachMode: value })} />
        <Toggle label={t('reducedMotion')} pressed={settings.reducedMotion} onChange={(value) => update({ reducedMotion: value })} />
        <button type="button" className="primary wide-button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}

function Toggle({ label, pressed, onChange }: { label: string; pressed: boolean; onChange: (value: boolean) => void }) {
  return (
    <button type="button" className="toggle" aria-pressed={pressed} onClick={() => onChange(!pressed)}>
      <span>{label}</span>
      <span className="switch" aria-hidden="true" />
    </button>
  );
}
