import { AnimatePresence, motion, MotionConfig, useIsPresent, type Variants } from 'framer-motion';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Presentation, Slide } from '../../../electron/shared/contract';
import { api } from '../api/client';
import { MediaImage } from '../components/MediaImage';
import { LanguageOverride, useI18n } from '../i18n/i18n';
import { useKioskInfo } from '../state/kiosk-info';
import { useSettings } from '../state/settings';
import { words } from './words';

/** How long the note about the running presentation stays after a visitor's tap. */
export const noteMs = 5000;

/** Presenter clicker keys (they send PageDown/PageUp, some arrows or Space) and the keyboard's arrows. */
const nextKeys = new Set(['PageDown', 'ArrowRight', 'ArrowDown', ' ', 'Spacebar']);
const previousKeys = new Set(['PageUp', 'ArrowLeft', 'ArrowUp']);

/** A slide comes in from the side it is heading to (transform and opacity only: the compositor runs it). */
const slideVariants: Variants = {
  enter: (direction: number) => ({ opacity: 0, x: direction * 120 }),
  center: { opacity: 1, x: 0 },
  exit: (direction: number) => ({ opacity: 0, x: direction * -120 }),
};

/**
 * A running presentation, full screen above everything: the playlist's slides in the kiosk's default language, one
 * after another every `intervalSeconds`, looping (the slides are asked for again at the end of each loop, so "now on
 * stage" moves on with the programme). A presenter clicker moves on and back. A visitor's tap changes nothing but a
 * short note; staff end it at the panel (the hidden gesture and a staff PIN).
 */
export function PresentationView({ presentation, paused }: { presentation: Presentation; paused: boolean }) {
  const info = useKioskInfo();
  return (
    <LanguageOverride.Provider value={info.defaultLanguage}>
      {/* Another playlist is another presentation: it starts from its first slide. */}
      <Slides key={JSON.stringify(presentation.playlist)} presentation={presentation} paused={paused} />
    </LanguageOverride.Provider>
  );
}

type Shown = { slides: Slide[]; index: number; direction: 1 | -1; /** Bumped by every move, so the timer restarts. */ step: number };

function Slides({ presentation, paused }: { presentation: Presentation; paused: boolean }) {
  const { pick, language } = useI18n();
  const reducedMotion = useSettings().settings.reducedMotion;
  const [shown, setShown] = useState<Shown | null>(null);
  const [note, setNote] = useState(false);
  const playlistKey = JSON.stringify(presentation.playlist);

  // The playlist's slides, asked for again whenever a loop ends; the newest answer wins.
  const asked = useRef(0);
  const load = useCallback(() => {
    const ask = ++asked.current;
    void api.invoke('presentation.slides', { playlist: JSON.parse(playlistKey) as Presentation['playlist'] }).then((result) => {
      if (ask !== asked.current) return;
      setShown((current) => {
        const slides = result.ok && result.value.length > 0 ? result.value : (current?.slides ?? []);
        return { slides, index: 0, direction: 1, step: (current?.step ?? 0) + 1 };
      });
    });
  }, [playlistKey]);
  useEffect(load, [load]);

  const shownRef = useRef(shown);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);
  const move = useCallback(
    (direction: 1 | -1) => {
      const current = shownRef.current;
      if (!current) return;
      const next = current.index + direction;
      // The end of a loop (or nothing to show yet): on from the first slide of the playlist as it is now.
      if (next >= current.slides.length || current.slides.length === 0) {
        load();
        return;
      }
      const index = next < 0 ? current.slides.length - 1 : next;
      const moved = { ...current, index, direction, step: current.step + 1 };
      // Two clicks before the next render move two slides.
      shownRef.current = moved;
      setShown(moved);
    },
    [load],
  );

  // On by itself; any move (a clicker key too) starts the wait for the next slide again.
  const step = shown?.step;
  useEffect(() => {
    if (step === undefined) return;
    const timer = window.setTimeout(() => move(1), presentation.intervalSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [step, presentation.intervalSeconds, move]);

  // The presenter's clicker. Not while staff type a PIN or use the panel over the presentation.
  useEffect(() => {
    if (paused) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (nextKeys.has(event.key)) {
        event.preventDefault();
        move(1);
      } else if (previousKeys.has(event.key)) {
        event.preventDefault();
        move(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paused, move]);

  // A visitor's tap: a gentle note for a few seconds, nothing else.
  const noteTimer = useRef<number | undefined>(undefined);
  const onTap = () => {
    setNote(true);
    window.clearTimeout(noteTimer.current);
    noteTimer.current = window.setTimeout(() => setNote(false), noteMs);
  };
  useEffect(() => () => window.clearTimeout(noteTimer.current), []);

  const slide = shown && shown.slides.length > 0 ? shown.slides[shown.index % shown.slides.length] : undefined;
  return (
    <MotionConfig reducedMotion={reducedMotion ? 'always' : 'user'}>
      <div className="presentation" role="region" aria-label={pick(words.presentationLabel)} lang={language} onPointerDown={onTap}>
        <AnimatePresence initial={false} custom={shown?.direction ?? 1}>
          {slide && shown && (
            <SlideView
              key={`${shown.index}:${slide.key}`}
              slide={slide}
              direction={shown.direction}
              position={shown.index + 1}
              count={shown.slides.length}
            />
          )}
        </AnimatePresence>
        <div className="presentation-note-place" role="status">
          {note && <p className="presentation-note">{pick(words.presentationNote)}</p>}
        </div>
      </div>
    </MotionConfig>
  );
}

function SlideView({ slide, direction, position, count }: { slide: Slide; direction: 1 | -1; position: number; count: number }) {
  const { pick, language } = useI18n();
  // The slide on its way out is no longer there for assistive technology (nor for tests by role).
  const present = useIsPresent();
  const badge = pick(slide.badge);
  const subtitle = pick(slide.subtitle);
  const text = pick(slide.text);
  return (
    <motion.article
      className={`presentation-slide presentation-slide-${slide.kind}`}
      aria-hidden={present ? undefined : true}
      aria-roledescription={language === 'ru' ? 'слайд' : 'slide'}
      aria-label={`${pick(words.slideOf)} ${position} / ${count}`}
      custom={direction}
      variants={slideVariants}
      initial="enter"
      animate="center"
      exit="exit"
      transition={{ duration: 0.7, ease: [0.22, 1, 0.36, 1] }}
    >
      <div className="presentation-image-box">
        <MediaImage media={slide.image} className="presentation-image" decorative={slide.image === null} />
      </div>
      <div className="presentation-text">
        {badge && <p className="presentation-badge">{badge}</p>}
        <h1 className="presentation-title">{pick(slide.title)}</h1>
        {subtitle && <p className="presentation-subtitle">{subtitle}</p>}
        {text && <p className="presentation-body">{text}</p>}
      </div>
      <p className="presentation-count" aria-hidden="true">
        {position} / {count}
      </p>
    </motion.article>
  );
}
