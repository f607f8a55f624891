// What the kiosk shell follows of staff mode, in the main bundle: the running presentation, the hub's banner, reload
// requests, and the hidden gesture that opens the staff PIN prompt.
import { useEffect, useRef, useState } from 'react';
import type { Banner, Presentation } from '../../../electron/shared/contract';
import { api } from '../api/client';

/**
 * The running presentation, kept current by `presentation.changed` (from this kiosk's panel, a hub command or the
 * hub's schedule). Undefined until the core has answered (a presentation survives a restart: the screen asks at start).
 */
export function usePresentation(): Presentation | null | undefined {
  const [presentation, setPresentation] = useState<Presentation | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = api.on('presentation.changed', (next) => {
      heard = true;
      setPresentation(next);
    });
    void api.invoke('presentation.current', {}).then((result) => {
      // An event heard meanwhile is newer than this answer.
      if (!live || heard) return;
      setPresentation(result.ok ? result.value : null);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return presentation;
}

/** The message staff put on the kiosks from the hub, until its `until`; null when there is none. */
export function useBanner(): Banner | null {
  const [banner, setBanner] = useState<Banner | null>(null);
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = api.on('kiosk.banner', (next) => {
      heard = true;
      setBanner(next);
    });
    void api.invoke('kiosk.banner', {}).then((result) => {
      if (live && !heard && result.ok) setBanner(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  // Gone at `until`, by the screen's own clock (no event needed).
  const [expired, setExpired] = useState<Banner | null>(null);
  useEffect(() => {
    if (!banner) return;
    const left = Date.parse(banner.until) - Date.now();
    const timer = window.setTimeout(() => setExpired(banner), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [banner]);
  if (!banner || expired === banner || Number.isNaN(Date.parse(banner.until))) return null;
  return banner;
}

/** Staff (at the panel or from the hub) asked for the screen to reload. */
export function useReloadRequests(): void {
  useEffect(() => api.on('kiosk.reload', () => window.location.reload()), []);
}

/** The corner the hidden gesture is tapped in (top left), in CSS pixels. */
export const cornerSize = 96;
/** Taps in the corner that open the staff PIN prompt, and the time they must fall within. */
export const cornerTaps = 5;
export const cornerWindowMs = 4000;

/**
 * Counts taps in the top-left corner (watched on the window, before anything else sees them, so it works on every
 * screen and takes nothing from the control under the finger); `cornerTaps` within `cornerWindowMs` call `onGesture`.
 * A tap anywhere else starts the count over.
 */
export function useCornerGesture(
  enabled: boolean,
  onGesture: () => void,
  /** Changes when the visitor moves to another screen: taps that navigated (Back, quickly) start the count again. */
  screenKey: string | number = 0,
): void {
  const gesture = useRef(onGesture);
  useEffect(() => {
    gesture.current = onGesture;
  }, [onGesture]);
  useEffect(() => {
    if (!enabled) return;
    let taps: number[] = [];
    const onPointerDown = (event: PointerEvent) => {
      if (!event.isPrimary) return;
      // A tap on a control in the corner (Back, on a visitor's screen) is the visitor's: five quick Backs must not open
      // the staff prompt.
      const onControl = event.target instanceof Element && event.target.closest('button, a, input, select, textarea, [role="button"]') !== null;
      if (event.clientX > cornerSize || event.clientY > cornerSize || onControl) {
        taps = [];
        return;
      }
      const now = event.timeStamp;
      taps = [...taps.filter((at) => now - at <= cornerWindowMs), now];
      if (taps.length >= cornerTaps) {
        taps = [];
        gesture.current();
      }
    };
    window.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    return () => window.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [enabled, screenKey]);
}
