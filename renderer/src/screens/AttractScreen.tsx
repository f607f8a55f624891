import { AnimatePresence, motion } from 'framer-motion';
import { useEffect, useMemo, useState } from 'react';
import type { ProjectCard, RouteStop } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { MediaImage } from '../components/MediaImage';
import { useI18n } from '../i18n/i18n';
import { useKioskInfo } from '../state/kiosk-info';
import { useNavigation, type Screen } from '../state/navigation';

/** How long each slide of the attract loop stays, in milliseconds. */
export const attractSlideMs = 6000;

type Slide =
  | { kind: 'project'; project: ProjectCard }
  | { kind: 'stop'; stop: RouteStop; routeName: { ru: string; en: string } };

/**
 * The attract loop: featured projects and the route's stops cycling while nobody uses the kiosk. "Touch to start"
 * shows in both languages at once; a touch enters the app at the item on screen.
 */
export function AttractScreen() {
  const navigation = useNavigation();
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

  const slide = slides.length > 0 ? slides[index % slides.length] : undefined;
  const target: Screen | undefined =
    slide?.kind === 'project' ? { name: 'project', id: slide.project.id } : slide?.kind === 'stop' ? { name: 'route', stopId: slide.stop.id } : undefined;

  return (
    <button type="button" className="attract" aria-label="Коснитесь экрана, чтобы начать / Touch the screen to start" onClick={() => navigation.start(target)}>
      <AnimatePresence mode="sync">
        {slide && (
          <motion.div
            key={slide.kind === 'project' ? slide.project.id : slide.stop.id}
            className="attract-slide"
            initial={{ opacity: 0, scale: 1.04 }}
            animate={{ opacity: 1, scale: 1 }}
            exit={{ opacity: 0 }}
            transition={{ duration: 1.2 }}
          >
            <MediaImage media={slide.kind === 'project' ? slide.project.cover : slide.stop.cover} className="attract-image" decorative />
            <SlideCaption slide={slide} />
          </motion.div>
        )}
      </AnimatePresence>
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
