import { useI18n } from '../i18n/i18n';
import { useKioskInfo, useForumTime } from '../state/kiosk-info';
import { useNavigation } from '../state/navigation';
import { useSettings } from '../state/settings';
import { latest, useSyncStatus } from '../state/sync-status';

/** Back, home, freshness, accessibility and language: on every screen, in the same place (the bottom in reach mode). */
export function TopBar({ onAccessibility }: { onAccessibility: () => void }) {
  const { t, language } = useI18n();
  const navigation = useNavigation();
  const { settings, update } = useSettings();
  const info = useKioskInfo();
  const format = useForumTime();
  // "Data as of": the newest of the catalog's own date and the last complete sync with the hub.
  const sync = useSyncStatus();
  const dataAsOf = latest(info.dataAsOf, sync?.lastSyncAt);
  const atHome = navigation.current.name === 'home';

  return (
    <nav className="topbar" aria-label={language === 'ru' ? 'Навигация' : 'Navigation'}>
      <div className="topbar-group">
        {!atHome && (
          <>
            <button type="button" className="bar-button" onClick={navigation.back}>
              <span aria-hidden="true">←</span> {t('back')}
            </button>
            <button type="button" className="bar-button" onClick={navigation.home}>
              {t('home')}
            </button>
          </>
        )}
      </div>
      <div className="topbar-group">
        {dataAsOf && (
          <span className="freshness muted">
            {t('dataAsOf')} {format(dataAsOf, language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}
          </span>
        )}
        <button type="button" className="bar-button" aria-label={t('accessibility')} onClick={onAccessibility}>
          <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
            <circle cx="12" cy="4" r="2" fill="currentColor" />
            <path d="M4 8h16M12 8v6m0 0-4 7m4-7 4 7" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
          </svg>
        </button>
        <button
          type="button"
          className="bar-button language"
          aria-label={t('switchLanguageLabel')}
          onClick={() => update({ language: settings.language === 'ru' ? 'en' : 'ru' })}
        >
          {t('switchLanguage')}
        </button>
      </div>
    </nav>
  );
}
