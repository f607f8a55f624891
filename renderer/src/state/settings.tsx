import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../../electron/shared/contract';

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

function systemPrefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function SettingsProvider({ defaultLanguage, children }: { defaultLanguage: Language; children: ReactNode }) {
  const defaults = useMemo<VisitorSettings>(
    () => ({ language: defaultLanguage, textScale: 1, highContrast: false, reachMode: false, reducedMotion: systemPrefersReducedMotion() }),
    [defaultLanguage],
  );
  const [settings, setSettings] = useState<VisitorSettings>(defaults);
  const update = useCallback((change: Partial<VisitorSettings>) => setSettings((current) => ({ ...current, ...change })), []);
  const resetSettings = useCallback(() => setSettings(defaults), [defaults]);

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
