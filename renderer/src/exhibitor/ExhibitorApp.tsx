import { useMemo, type ReactNode } from 'react';
import type { KioskApi, Language, MediaRef } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';
import { StaticNavigation } from '../state/navigation';
import { SettingsProvider, useSettings } from '../state/settings';
import { ExhibitorHostContext, type ExhibitorHost } from './context';
import { ExhibitorArea } from './ExhibitorArea';

export type ExhibitorAppProps = {
  /** Where the exhibitor.* calls go (the same shape as the kiosk's client); projects.get is asked for the preview. */
  api: KioskApi;
  /** 'on-screen' on a touchscreen without a keyboard; 'native' in a phone or laptop browser. */
  keyboard: 'on-screen' | 'native';
  /** Offered as "Add a photo" on each project when given. */
  uploadPhoto?: (projectId: string, file: File) => Promise<MediaRef>;
  /** The language to start in (Russian unless said otherwise); a button switches it. */
  language?: Language;
  /** Time zone for the times shown (the browser's own when not given). */
  timeZone?: string;
  /** Picks up a session the API already has (a reloaded portal page). True unless said otherwise. */
  resume?: boolean;
  /** Called after the exhibitor logged out. */
  onLoggedOut?: () => void;
};

/**
 * The exhibitor screens on a page of their own (the hub's exhibitor portal): login, items, editor with preview, edits
 * and logout, in Russian or English. It brings the settings and a navigation that goes nowhere (the preview draws
 * visitor screens), so it needs no kiosk around it; the page supplies the kiosk's stylesheet (styles.css).
 */
export function ExhibitorApp({ api, keyboard, uploadPhoto, language = 'ru', timeZone, resume = true, onLoggedOut }: ExhibitorAppProps) {
  const host = useMemo<ExhibitorHost>(() => ({ api, keyboard, uploadPhoto, timeZone }), [api, keyboard, uploadPhoto, timeZone]);
  return (
    <SettingsProvider defaultLanguage={language}>
      <StaticNavigation>
        <ExhibitorHostContext.Provider value={host}>
          <StandaloneFrame>
            <ExhibitorArea resume={resume} onLoggedOut={onLoggedOut} />
          </StandaloneFrame>
        </ExhibitorHostContext.Provider>
      </StaticNavigation>
    </SettingsProvider>
  );
}

function StandaloneFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { settings, update } = useSettings();
  return (
    <section className="screen exh-standalone" aria-labelledby="exh-standalone-title">
      <div className="screen-head">
        <h1 id="exh-standalone-title">{t('forExhibitors')}</h1>
        <button type="button" className="bar-button language" aria-label={t('switchLanguageLabel')} onClick={() => update({ language: settings.language === 'ru' ? 'en' : 'ru' })}>
          {t('switchLanguage')}
        </button>
      </div>
      <div className="screen-body">{children}</div>
    </section>
  );
}
