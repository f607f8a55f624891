import { useEffect, useMemo } from 'react';
import { api } from '../api/client';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import { useKioskInfo } from '../state/kiosk-info';
import { useNavigate } from '../state/navigation';
import { ExhibitorHostContext, type ExhibitorHost } from './context';
import { ExhibitorArea } from './ExhibitorArea';

/**
 * "For exhibitors" on the kiosk. Leaving the screen (Back, Home, logout, the idle reset) ends the exhibitor's session
 * in the core, and the screen's state, drafts included, goes with the screen.
 */
export function ExhibitorScreen() {
  const { t } = useI18n();
  const navigation = useNavigate();
  const info = useKioskInfo();
  const timeZone = info.forum?.timezone;
  const host = useMemo<ExhibitorHost>(() => ({ api, keyboard: 'on-screen', timeZone }), [timeZone]);

  useEffect(
    () => () => {
      void api.invoke('exhibitor.logout', {});
    },
    [],
  );

  return (
    <ScreenFrame title={t('forExhibitors')}>
      <ExhibitorHostContext.Provider value={host}>
        <ExhibitorArea resume={false} onLoggedOut={navigation.home} />
      </ExhibitorHostContext.Provider>
    </ScreenFrame>
  );
}
