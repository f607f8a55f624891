import { Component, startTransition, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ProjectCard, RouteStop } from '../../../electron/shared/contract';
import { preload, useCall } from '../api/use-call';
import { MediaImage } from '../components/MediaImage';
import { TopBar } from '../components/TopBar';
import { useI18n } from '../i18n/i18n';
import { useKioskInfo } from '../state/kiosk-info';
import { minuteOf } from '../state/clock';
import { useNavigate, type Screen } from '../state/navigation';
import { preloadScreens, renderScreen } from './registry';

/** How long each slide of the attract loop stays, in milliseconds. */
export const attractSlideMs = 6000;
/** How long a new slide takes to fade in over the last one (the `attract-in` keyframes in styles.css). */
const fadeMs = 1200;
/** When the warm-up (`WarmUp` below) starts after the attract loop first shows, and how long it stays. */
const warmUpAfterMs = 1500;
const warmUpForMs = 2000;
/** Whether this page has had its warm-up: once is enough, the code it compiles stays compiled. */
let warmedUp = false;

type Slide =
  | { kind: 'project'; project: ProjectCard }
  | { kind: 'stop'; stop: RouteStop; routeName: { ru: string; en: string } };

/**
 * The attract loop: featured projects and the route's stops cycling while nobody uses the kiosk. "Touch to start"
 * shows in both languages at once; a touch enters the app at the item on screen.
 */
export function AttractScreen() {
  const navigation = useNavigate();
  const info = useKioskInfo();
  const featured = useCall('projects.list', { featured: true, limit: 12 });
  const route = useCall('route.get', {});
  const [index, setIndex] = useState(0);

  const slides = useMemo<Slide[]>(() => {
    const projects = featured.status === 'ok' ? featured.value.items.map((project): Slide => ({ kind: 'project', project })) : [];
    const stops = route.status === 'ok' ? route.value.stops.map((stop): Slide => ({ kind: 'stop', stop, routeName: route.value.name })) : [];
    // Interleave so the route keeps coming back between projects.
    const mixed: Slide[] = [];
    for (let i = 0; i < Math.max(projects.length, stops.length); i += 1) {
      if (projects[i]) mixed.push(projects[i]!);
      if (stops[i]) mixed.push(stops[i]!);
    }
    return mixed;
  }, [featured, route]);

  useEffect(() => {
    if (slides.length < 2) return;
    const timer = window.setInterval(() => setIndex((i) => (i + 1) % slides.length), attractSlideMs);
    return () => window.clearInterval(timer);
  }, [slides.length]);

  // While nobody is at the kiosk, get the rest of it ready: the other screens' code and the data the home screen and
  // its first screens show, so the first taps of the next visitor wait for nothing.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      void preloadScreens();
      preload('programme.nowNext', { at: minuteOf(new Date()) });
      preload('regions.list', {});
      preload('clusters.list', {});
      preload('tags.list', {});
      preload('programme.days', {});
      preload('hall.plan', {});
    }, 100);
    return () => window.clearTimeout(timer);
  }, []);

  // Then, once per page, draw out of sight the screens a touch on the loop opens (home, and a project or a route stop
  // above it) under the kiosk's bar, and take them away again: the first visitor's tap then runs code already
  // compiled, and finds the first slides' data and pictures already loaded. Nothing is counted meanwhile: counting
  // waits for a visitor's screen (state/usage.ts).
  const [warmUp, setWarmUp] = useState<Screen[] | null>(null);
  const firstProject = slides.find((each) => each.kind === 'project');
  const firstStop = slides.find((each) => each.kind === 'stop');
  useEffect(() => {
    const first = [firstProject, firstStop].filter((each) => each !== undefined);
    if (warmedUp || first.length === 0) return;
    const timer = window.setTimeout(() => {
      warmedUp = true;
      // A render React may interrupt: a touch in the middle of it is answered first.
      startTransition(() => setWarmUp([{ name: 'home' }, ...first.map(slideTarget)]));
    }, warmUpAfterMs);
    return () => window.clearTimeout(timer);
  }, [firstProject, firstStop]);
  useEffect(() => {
    if (!warmUp) return;
    const timer = window.setTimeout(() => setWarmUp(null), warmUpForMs);
    return () => window.clearTimeout(timer);
  }, [warmUp]);

  const slide = slides.length > 0 ? slides[index % slides.length] : undefined;
  // The slide before stays under the new one while it fades in, then goes (one picture to draw, not two).
  const currentKey = slide ? slideKey(slide) : undefined;
  const [shown, setShown] = useState<{ key: string | undefined; slide: Slide | undefined }>({ key: currentKey, slide });
  const [previous, setPrevious] = useState<Slide | null>(null);
  if (shown.key !== currentKey) {
    if (shown.slide && slide) setPrevious(shown.slide);
    setShown({ key: currentKey, slide });
  }
  useEffect(() => {
    if (!previous) return;
    const timer = window.setTimeout(() => setPrevious(null), fadeMs);
    return () => window.clearTimeout(timer);
  }, [previous]);

  const target = slide ? slideTarget(slide) : undefined;

  return (
    <button type="button" className="attract" aria-label="Коснитесь экрана, чтобы начать / Touch the screen to start" onClick={() => navigation.start(target)}>
      {slide && <SlideView key={slideKey(slide)} slide={slide} className="attract-slide attract-slide-in" />}
      {previous && slideKey(previous) !== currentKey && <SlideView key={slideKey(previous)} slide={previous} className="attract-slide attract-slide-out" />}
      <div className="attract-brand">
        <p className="attract-forum">{info.forum?.name.ru ?? ''}</p>
        <p className="attract-forum en">{info.forum?.name.en ?? ''}</p>
        {info.forum?.isDemo && <p className="badge">Демонстрационные данные · Demo content</p>}
      </div>
      <div className="attract-cta" aria-hidden="true">
        <span className="pulse" />
        <span>Коснитесь экрана, чтобы начать</span>
        <span className="en">Touch the screen to start</span>
      </div>
      {warmUp && <WarmUp screens={warmUp} />}
    </button>
  );
}

/** The screen a touch on a slide opens. */
function slideTarget(slide: Slide): Screen {
  return slide.kind === 'project' ? { name: 'project', id: slide.project.id } : { name: 'route', stopId: slide.stop.id };
}

/**
 * The kiosk's bar and the given screens, drawn into an element that is never attached to the page: React renders and
 * commits them (compiling their code on the way), the browser neither lays them out nor paints them, and no person or
 * assistive technology ever meets them. Their data and pictures are fetched as for a visitor (kept for the first one).
 */
function WarmUp({ screens }: { screens: Screen[] }) {
  const [container] = useState(() => document.createElement('div'));
  return createPortal(
    <QuietlyNothing>
      <div className="app">
        <TopBar onAccessibility={() => undefined} />
        <main className="content">
          {screens.map((screen) => (
            <Suspense key={JSON.stringify(screen)} fallback={null}>
              {renderScreen(screen)}
            </Suspense>
          ))}
        </main>
      </div>
    </QuietlyNothing>,
    container,
  );
}

/**
 * Renders nothing in place of children that fail: a screen that cannot be drawn must not take the attract loop down
 * with it when nobody asked for that screen. A visitor who opens it meets the failure where it belongs.
 */
class QuietlyNothing extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

function slideKey(slide: Slide): string {
  return slide.kind === 'project' ? slide.project.id : slide.stop.id;
}

/** One slide: its picture and caption. The new one fades in over the last one (CSS: opacity and transform only). */
function SlideView({ slide, className }: { slide: Slide; className: string }) {
  return (
    <div className={className}>
      <MediaImage media={slide.kind === 'project' ? slide.project.cover : slide.stop.cover} className="attract-image" decorative />
      <SlideCaption slide={slide} />
    </div>
  );
}

function SlideCaption({ slide }: { slide: Slide }) {
  const { pick } = useI18n();
  if (slide.kind === 'project') {
    return (
      <div className="attract-caption">
        <p className="eyebrow">{pick(slide.project.regionName)}</p>
        <p className="attract-title">{slide.project.title.ru}</p>
        <p className="attract-title en">{slide.project.title.en}</p>
      </div>
    );
  }
  return (
    <div className="attract-caption">
      <p className="eyebrow">
        {slide.routeName.ru} · {slide.stop.position}
      </p>
      <p className="attract-title">{slide.stop.title.ru}</p>
      <p className="attract-title en">{slide.stop.title.en}</p>
    </div>
  );
}
