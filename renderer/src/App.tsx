import { MotionConfig } from 'framer-motion';
import { useCallback, useState } from 'react';
import type { KioskInfo } from '../../electron/shared/contract';
import { useCall } from './api/use-call';
import { AccessibilityPanel } from './components/AccessibilityPanel';
import { IdleDialog } from './components/IdleDialog';
import { TopBar } from './components/TopBar';
import { useIdle } from './state/idle';
import { KioskInfoContext } from './state/kiosk-info';
import { NavigationProvider, useNavigation } from './state/navigation';
import { SettingsProvider, useSettings } from './state/settings';
import { AttractScreen } from './screens/AttractScreen';
import { renderScreen } from './screens/registry';

export function App() {
  const info = useCall('kiosk.info', {});
  // Before the kiosk info arrives there is no language yet: a calm blank screen, or a notice in both languages.
  if (info.status === 'loading') return <div className="app" aria-busy="true" />;
  if (info.status === 'error') {
    return (
      <div className="app out-of-order" role="alert">
        <p>Киоск временно не работает. Пожалуйста, воспользуйтесь соседним киоском.</p>
        <p lang="en">This kiosk is temporarily out of order. Please use another kiosk nearby.</p>
      </div>
    );
  }
  return (
    <KioskInfoContext.Provider value={info.value}>
      <SettingsProvider defaultLanguage={info.value.defaultLanguage}>
        <NavigationProvider>
          <Kiosk info={info.value} />
        </NavigationProvider>
      </SettingsProvider>
    </KioskInfoContext.Provider>
  );
}

function Kiosk({ info }: { info: KioskInfo }) {
  const navigation = useNavigation();
  const { settings, resetSettings } = useSettings();
  const [panelOpen, setPanelOpen] = useState(false);

  // Nothing of one visitor is left for the next: screens, search text, scroll positions, language, settings.
  const { reset } = navigation;
  const startOver = useCallback(() => {
    setPanelOpen(false);
    resetSettings();
    reset();
  }, [reset, resetSettings]);
  const idle = useIdle(info.idleSeconds, !navigation.attract, startOver);

  const top = navigation.stack.length - 1;

  return (
    <MotionConfig reducedMotion={settings.reducedMotion ? 'always' : 'user'}>
      {navigation.attract ? (
        <AttractScreen />
      ) : (
        <div className="app">
          <TopBar onAccessibility={() => setPanelOpen(true)} />
          {/* Screens below the top of the stack stay mounted but hidden: Back returns to them as they were
              (search text, scroll position, gallery photo). The session key drops them all at reset. */}
          <main className="content" key={navigation.session}>
            {navigation.stack.map((screen, index) => (
              <div key={`${index}:${JSON.stringify(screen)}`} className="screen-holder" hidden={index !== top}>
                {renderScreen(screen)}
              </div>
            ))}
          </main>
          {panelOpen && <AccessibilityPanel onClose={() => setPanelOpen(false)} />}
          {idle.countdown !== null && <IdleDialog secondsLeft={idle.countdown} onStay={idle.stay} onLeave={startOver} />}
        </div>
      )}
    </MotionConfig>
  );
}
