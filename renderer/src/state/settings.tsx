import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Language } from '../../../electron/shared/contract';
import { reportUsage } from './usage';

/** One visitor's choices; all of them return to the defaults when the kiosk resets after idle. */
export type VisitorSettings = {
  language: Language;
  /** 1, 1.5 or 2: larger text up to 200%. */
  textScale: number;
  highContrast: boolean;
  /** Every control in the lower part of the screen, for wheelchair users. */
  reachMode: boolean;
  reducedMotion: boolean;
};

export const textScales = [1, 1.5, 2] as const;

type SettingsContextValue = {
  settings: VisitorSettings;
  update: (change: Partial<VisitorSettings>) => void;
  resetSettings: () => void;
};

const SettingsContext = createContext<SettingsContextValue | null>(null);

/** The on/off modes, by the names the usage counts give them (docs/privacy.md); larger text is `large_text`. */
const modeNames = { highContrast: 'high_contrast', reachMode: 'reach_mode', reducedMotion: 'reduced_motion' } as const;

/**
 * Counts what a visitor chose: a language switched to, an accessibility mode turned on (never one turned off).
 * Reduced motion that the system's setting turned on is nobody's choice.
 */
function reportChoices(before: VisitorSettings, after: VisitorSettings, systemReducedMotion: boolean): void {
  if (after.language !== before.language) reportUsage({ kind: 'language', language: after.language });
  if (after.textScale > 1 && before.textScale === 1) reportUsage({ kind: 'accessibility', mode: 'large_text' });
  for (const key of Object.keys(modeNames) as (keyof typeof modeNames)[]) {
    if (key === 'reducedMotion' && systemReducedMotion) continue;
    if (after[key] && !before[key]) reportUsage({ kind: 'accessibility', mode: modeNames[key] });
  }
}

const reducedMotionQuery = '(prefers-reduced-motion: reduce)';

function systemPrefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(reducedMotionQuery).matches;
}

export function SettingsProvider({ defaultLanguage, children }: { defaultLanguage: Language; children: ReactNode }) {
  const [systemReducedMotion, setSystemReducedMotion] = useState(systemPrefersReducedMotion);
  const defaults = useMemo<VisitorSettings>(
    () => ({ language: defaultLanguage, textScale: 1, highContrast: false, reachMode: false, reducedMotion: systemReducedMotion }),
    [defaultLanguage, systemReducedMotion],
  );
  const [settings, setSettings] = useState<VisitorSettings>(defaults);
  const update = useCallback((change: Partial<VisitorSettings>) => setSettings((current) => ({ ...current, ...change })), []);
  const resetSettings = useCallback(() => setSettings(defaults), [defaults]);
  // The system's setting may change while the kiosk runs: the screen follows it at once (every animation, not only
  // CSS), and so does the default a reset returns to.
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(reducedMotionQuery);
    const onChange = () => {
      setSystemReducedMotion(query.matches);
      setSettings((current) => ({ ...current, reducedMotion: query.matches }));
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  // After the change is on screen, never on the tap's way there. A reset to the defaults is nobody's choice.
  const previous = useRef(settings);
  useEffect(() => {
    const before = previous.current;
    previous.current = settings;
    if (settings !== defaults) reportChoices(before, settings, systemReducedMotion);
  }, [settings, defaults, systemReducedMotion]);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = settings.language;
    root.style.setProperty('--text-scale', String(settings.textScale));
    root.dataset.contrast = settings.highContrast ? 'high' : 'normal';
    root.dataset.reach = settings.reachMode ? 'on' : 'off';
    root.dataset.motion = settings.reducedMotion ? 'reduced' : 'full';
  }, [settings]);

  const value = useMemo(() => ({ settings, update, resetSettings }), [settings, update, resetSettings]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
