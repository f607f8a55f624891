import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { Presentation } from '../../../electron/shared/contract';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useBanner, useCornerGesture, useReloadRequests } from './live';
import { words } from './words';
import './staff.css';

// The PIN prompt, the panel and the presentation are chunks of their own: a visitor's kiosk never needs them until
// staff (or the hub) do something.
const StaffLogin = lazy(() => import('./StaffLogin').then((m) => ({ default: m.StaffLogin })));
const StaffPanelDialog = lazy(() => import('./StaffPanel').then((m) => ({ default: m.StaffPanelDialog })));
const PresentationView = lazy(() => import('./PresentationView').then((m) => ({ default: m.PresentationView })));

export type StaffStage = 'closed' | 'login' | 'panel';

/**
 * Staff mode over every screen: the hidden corner (five taps in the top-left corner within four seconds open the
 * staff PIN prompt), the prompt and the staff panel, the presentation while one runs, and the hub's banner.
 */
export function StaffLayer({
  presentation,
  stage,
  onStage,
  captureCorner,
  onLoggedOut,
  onInfoChanged,
  screenKey,
}: {
  presentation: Presentation | null | undefined;
  stage: StaffStage;
  onStage: (stage: StaffStage) => void;
  /** True where the corner has nothing of a visitor's under it (the attract loop, a presentation): it takes its taps. */
  captureCorner: boolean;
  /** The staff member is gone (logged out, the panel closed, the session ended): the kiosk starts over. */
  onLoggedOut: () => void;
  /** A setting changed at the panel: read the kiosk's info again. */
  onInfoChanged: () => void;
  /** Which screen a visitor is on: a move to another screen starts the gesture's count again. */
  screenKey: string | number;
}) {
  useReloadRequests();
  useCornerGesture(stage === 'closed', useCallback(() => onStage('login'), [onStage]), screenKey);

  const stageRef = useRef(stage);
  useLayoutEffect(() => {
    stageRef.current = stage;
  }, [stage]);
  const loggedOut = useRef(onLoggedOut);
  useLayoutEffect(() => {
    loggedOut.current = onLoggedOut;
  }, [onLoggedOut]);

  const logOut = useCallback(() => {
    void api.invoke('staff.logout', {});
    onStage('closed');
    loggedOut.current();
  }, [onStage]);

  // The core ended the session (five minutes without a staff call, the attract loop, a PIN reset at the hub).
  useEffect(
    () =>
      api.on('staff.ended', () => {
        if (stageRef.current !== 'panel') return;
        onStage('closed');
        loggedOut.current();
      }),
    [onStage],
  );

  return (
    <>
      {presentation && (
        <Suspense fallback={<div className="presentation" />}>
          <PresentationView presentation={presentation} paused={stage !== 'closed'} />
        </Suspense>
      )}
      <BannerStrip />
      {stage === 'login' && (
        <Suspense fallback={<div className="overlay staff-overlay" />}>
          <StaffLogin onCancel={() => onStage('closed')} onLoggedIn={() => onStage('panel')} />
        </Suspense>
      )}
      {stage === 'panel' && (
        <Suspense fallback={<div className="staff-panel" aria-busy="true" />}>
          <StaffPanelDialog onLogOut={logOut} onInfoChanged={onInfoChanged} />
        </Suspense>
      )}
      {/* Invisible and out of reach of assistive technology: visitors have nothing to find here. */}
      <div className="staff-corner" aria-hidden="true" data-capture={captureCorner && stage === 'closed' ? 'on' : 'off'} />
    </>
  );
}

/** The hub's message over the top of every screen, in the visitor's language (Russian when there is no English). */
function BannerStrip() {
  const banner = useBanner();
  const { pick } = useI18n();
  const strip = useRef<HTMLDivElement | null>(null);
  // The screens below move down by the strip's height, so it never covers a control.
  useLayoutEffect(() => {
    const root = document.documentElement;
    const element = strip.current;
    if (!banner || !element) {
      delete root.dataset.banner;
      return;
    }
    root.dataset.banner = 'on';
    const measure = () => root.style.setProperty('--staff-banner-height', `${element.offsetHeight}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      delete root.dataset.banner;
    };
  }, [banner]);
  if (!banner) return null;
  return (
    <div ref={strip} className="staff-banner" role="status" aria-label={pick(words.banner)}>
      <span className="staff-banner-icon" aria-hidden="true">
        !
      </span>
      <span className="staff-banner-text">{pick(banner.text)}</span>
    </div>
  );
}
