import { memo, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { KioskInfo } from '../../electron/shared/contract';
import { api } from './api/client';
import { AccessibilityPanel } from './components/AccessibilityPanel';
import { IdleDialog } from './components/IdleDialog';
import { TopBar } from './components/TopBar';
import { useIdle } from './state/idle';
import { KioskInfoContext, useLiveKioskInfo } from './state/kiosk-info';
import { NavigationProvider, useNavigation, type Screen } from './state/navigation';
import { SettingsProvider, useSettings } from './state/settings';
import { useScreenShown } from './state/usage';
import { AttractScreen } from './screens/AttractScreen';
import { renderScreen } from './screens/registry';
import { usePresentation } from './staff/live';
import { StaffLayer, type StaffStage } from './staff/StaffLayer';

export function App() {
  // Read at start and kept current: staff change the name, position, idle timeout and default language.
  const { state: info, refresh } = useLiveKioskInfo();
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
          <Kiosk info={info.value} refreshInfo={refresh} />
        </NavigationProvider>
      </SettingsProvider>
    </KioskInfoContext.Provider>
  );
}

function Kiosk({ info, refreshInfo }: { info: KioskInfo; refreshInfo: () => void }) {
  const navigation = useNavigation();
  const { resetSettings } = useSettings();
  const [panelOpen, setPanelOpen] = useState(false);
  // Staff mode: the PIN prompt or the staff panel over the screen; a presentation (started here, by the hub or by its
  // schedule) instead of the screens.
  const [staffStage, setStaffStage] = useState<StaffStage>('closed');
  const presentation = usePresentation();
  const presenting = presentation != null;

  // Nothing of one visitor is left for the next: screens, search text, scroll positions, language, settings, and an
  // exhibitor's session with its unsaved drafts (the drafts live in the exhibitor screen, which the reset unmounts).
  const { reset } = navigation;
  const startOver = useCallback(() => {
    void api.invoke('exhibitor.logout', {});
    setPanelOpen(false);
    resetSettings();
    reset();
  }, [reset, resetSettings]);
  // Nobody is timed out while staff work at the screen or a presentation runs.
  const idle = useIdle(info.idleSeconds, !navigation.attract && !presenting && staffStage === 'closed', startOver);
  // Usage counts follow the screen on top: a screen shown is counted, and nothing while the attract loop or a
  // presentation runs.
  useScreenShown(navigation.attract || presenting ? null : navigation.current);

  // A presentation starting or ending starts the kiosk over: nothing of a visitor waits under it, and after it the
  // attract loop comes back.
  const wasPresenting = useRef(false);
  useEffect(() => {
    if (presenting === wasPresenting.current) return;
    wasPresenting.current = presenting;
    startOver();
  }, [presenting, startOver]);

  const holders = screenHolders(navigation.stack, useDeferredValue(navigation.stack));

  return (
    <>
      {presenting ? null : navigation.attract ? (
        <AttractScreen />
      ) : (
        <div className="app" inert={staffStage !== 'closed'}>
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
      <StaffLayer
        presentation={presentation}
        stage={staffStage}
        onStage={setStaffStage}
        captureCorner={navigation.attract || presenting}
        onLoggedOut={startOver}
        onInfoChanged={refreshInfo}
        screenKey={navigation.attract ? 'attract' : navigation.stack.length}
      />
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
 * screens themselves: the screen's element is made once, so when only `hidden` changes React finds the same element
 * and leaves the screen alone (a new one would render the whole screen again, in the tap's own task, and make its
 * animation library measure a screen that has just been hidden). A hidden holder keeps its layout
 * (content-visibility in styles.css), so Back shows it again without laying it out anew.
 */
const ScreenHolder = memo(function ScreenHolder({ screen, hidden }: { screen: Screen; hidden: boolean }) {
  const content = useMemo(() => renderScreen(screen), [screen]);
  return (
    <div className="screen-holder" hidden={hidden}>
      {/* Only while a screen's code is still arriving (a tap in the first moment after start): a calm empty frame. */}
      <Suspense fallback={<section className="screen" aria-busy="true" />}>{content}</Suspense>
    </div>
  );
});
