import { memo, Suspense, useCallback, useDeferredValue, useState } from 'react';
import type { KioskInfo } from '../../electron/shared/contract';
import { api } from './api/client';
import { useCall } from './api/use-call';
import { AccessibilityPanel } from './components/AccessibilityPanel';
import { IdleDialog } from './components/IdleDialog';
import { TopBar } from './components/TopBar';
import { useIdle } from './state/idle';
import { KioskInfoContext } from './state/kiosk-info';
import { NavigationProvider, useNavigation, type Screen } from './state/navigation';
import { SettingsProvider, useSettings } from './state/settings';
import { useScreenShown } from './state/usage';
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
  const { resetSettings } = useSettings();
  const [panelOpen, setPanelOpen] = useState(false);

  // Nothing of one visitor is left for the next: screens, search text, scroll positions, language, settings, and an
  // exhibitor's session with its unsaved drafts (the drafts live in the exhibitor screen, which the reset unmounts).
  const { reset } = navigation;
  const startOver = useCallback(() => {
    void api.invoke('exhibitor.logout', {});
    setPanelOpen(false);
    resetSettings();
    reset();
  }, [reset, resetSettings]);
  const idle = useIdle(info.idleSeconds, !navigation.attract, startOver);
  // Usage counts follow the screen on top: a screen shown is counted, and nothing while the attract loop runs.
  useScreenShown(navigation.attract ? null : navigation.current);

  const holders = screenHolders(navigation.stack, useDeferredValue(navigation.stack));

  return (
    <>
      {navigation.attract ? (
        <AttractScreen />
      ) : (
        <div className="app">
          <TopBar onAccessibility={() => setPanelOpen(true)} />
          {/* Screens below the top of the stack stay mounted but hidden: Back returns to them as they were
              (search text, scroll position, gallery photo). The session key drops them all at reset. */}
          <main className="content" key={navigation.session}>
            {holders.map((holder) => (
              <ScreenHolder key={holder.key} screen={holder.screen} hidden={!holder.top} />
            ))}
          </main>
          {panelOpen && <AccessibilityPanel onClose={() => setPanelOpen(false)} />}
          {idle.countdown !== null && <IdleDialog secondsLeft={idle.countdown} onStay={idle.stay} onLeave={startOver} />}
        </div>
      )}
    </>
  );
}

type Holder = { key: string; screen: Screen; top: boolean };

/**
 * The screens to keep mounted: the stack, plus (hidden) those just left by Back or Home until a later, interruptible
 * render takes them away. Unmounting a deep stack takes a while; the tap that leaves it need not wait for that.
 */
function screenHolders(stack: readonly Screen[], previous: readonly Screen[]): Holder[] {
  const keyOf = (screen: Screen, index: number) => `${index}:${JSON.stringify(screen)}`;
  const holders = stack.map((screen, index) => ({ key: keyOf(screen, index), screen, top: index === stack.length - 1 }));
  if (previous === stack) return holders;
  const kept = new Set(holders.map((holder) => holder.key));
  previous.forEach((screen, index) => {
    const key = keyOf(screen, index);
    if (!kept.has(key)) holders.push({ key, screen, top: false });
  });
  return holders;
}

/**
 * One screen of the stack. Memoised: a push or Back re-renders only the holders whose visibility changes, never the
 * screens themselves. A hidden holder keeps its layout (content-visibility in styles.css), so Back shows it again
 * without laying it out anew.
 */
const ScreenHolder = memo(function ScreenHolder({ screen, hidden }: { screen: Screen; hidden: boolean }) {
  return (
    <div className="screen-holder" hidden={hidden}>
      {/* Only while a screen's code is still arriving (a tap in the first moment after start): a calm empty frame. */}
      <Suspense fallback={<section className="screen" aria-busy="true" />}>{renderScreen(screen)}</Suspense>
    </div>
  );
});
