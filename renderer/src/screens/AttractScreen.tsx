import { useEffect, useMemo, useState } from 'react';
import type { ProjectCard, RouteStop } from '../../../electron/shared/contract';
import { preload, useCall } from '../api/use-call';
import { MediaImage } from '../components/MediaImage';
import { useI18n } from '../i18n/i18n';
import { useKioskInfo } from '../state/kiosk-info';
import { minuteOf } from '../state/clock';
import { useNavigate, type Screen } from '../state/navigation';
import { preloadScreens } from './registry';

/** How long each slide of the attract loop stays, in milliseconds. */
export const attractSlideMs = 6000;
/** How long a new slide takes to fade in over the last one (the `attract-in` keyframes in styles.css). */
const fadeMs = 1200;

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

  const target: Screen | undefined =
    slide?.kind === 'project' ? { name: 'project', id: slide.project.id } : slide?.kind === 'stop' ? { name: 'route', stopId: slide.stop.id } : undefined;

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
    </button>
  );
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
