import { animate, motion, MotionConfig, useMotionValue, type PanInfo } from 'framer-motion';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ComponentType, type DragEvent, type ReactNode } from 'react';
import type { Bilingual, Exhibitor, Language, MediaRef, ProjectDetail, ProjectKind } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { imageSizes, MediaImage } from '../components/MediaImage';
import { QrCode } from '../components/QrCode';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import { useNavigate, type ScreenOf } from '../state/navigation';
import { useSettings } from '../state/settings';
import { reportUsage, useItemOpened } from '../state/usage';
import './browse.css';

const kindName: Record<ProjectKind, Bilingual> = {
  tourism: { ru: 'Промышленный туризм', en: 'Industrial tourism' },
  cluster: { ru: 'Проект кластера', en: 'Cluster project' },
};

const words = {
  photos: { ru: 'Фотографии', en: 'Photos' },
  previous: { ru: 'Предыдущее фото', en: 'Previous photo' },
  next: { ru: 'Следующее фото', en: 'Next photo' },
  industries: { ru: 'Отрасли', en: 'Industries' },
  exhibitor: { ru: 'Экспонент', en: 'Exhibitor' },
  visiting: { ru: 'Для посетителей', en: 'Visiting' },
  contacts: { ru: 'Контакты', en: 'Contacts' },
  region: { ru: 'Регион', en: 'Region' },
  cluster: { ru: 'Кластер', en: 'Cluster' },
  phone: { ru: 'Телефон', en: 'Phone' },
  email: { ru: 'Эл. почта', en: 'Email' },
  website: { ru: 'Сайт', en: 'Website' },
  contactPerson: { ru: 'Контактное лицо', en: 'Contact person' },
  qrLink: { ru: 'Ссылка на проект', en: 'Link to the project' },
  qrContact: { ru: 'Контакт экспонента', en: 'Exhibitor contact card' },
  today: { ru: 'Сегодня на стенде', en: 'Today at our booth' },
  hours: { ru: 'Часы работы стенда', en: 'Booth hours' },
} satisfies Record<string, Bilingual>;

/** Project detail: photos, what it is, where it is in the hall, how to visit, contacts and a QR code to take away. */
export function ProjectScreen({ screen }: { screen: ScreenOf<'project'> }) {
  const { t } = useI18n();
  const project = useCall('projects.get', { id: screen.id });
  useItemOpened('project', project.status === 'ok' ? screen.id : null);
  if (project.status !== 'ok') {
    return (
      <ScreenFrame title={t('projects')}>
        <CallView state={project}>{() => null}</CallView>
      </ScreenFrame>
    );
  }
  return <ProjectView project={project.value} />;
}

/** What frames a project's page: the kiosk's screen frame, or a look-alike inside an exhibitor's preview. */
export type ProjectFrame = ComponentType<{ title: string; subtitle?: ReactNode; children: ReactNode }>;

export function ProjectView({ project, frame: Frame = ScreenFrame }: { project: ProjectDetail; frame?: ProjectFrame }) {
  const { t, pick, language } = useI18n();
  const navigation = useNavigate();
  const ids = { industries: useId(), visiting: useId(), contacts: useId() };
  const exhibitor = project.exhibitor;

  return (
    <Frame title={pick(project.title)} subtitle={`${pick(project.regionName)} · ${pick(kindName[project.kind])}`}>
      <article className="project-layout">
        <div className="project-main">
          <Gallery media={project.media} />
          {pick(project.summary) && <p className="lead">{pick(project.summary)}</p>}
          <p className="project-text">{pick(project.description)}</p>

          <div className="fact-chips">
            <button type="button" className="chip" onClick={() => navigation.push({ name: 'region', id: project.regionId })}>
              {pick(words.region)}: {pick(project.regionName)}
            </button>
            {project.clusterId && project.clusterName && (
              <button type="button" className="chip" onClick={() => navigation.push({ name: 'cluster', id: project.clusterId ?? '' })}>
                {pick(words.cluster)}: {pick(project.clusterName)}
              </button>
            )}
          </div>

          {project.tags.length > 0 && (
            <section aria-labelledby={ids.industries}>
              <h2 id={ids.industries}>{pick(words.industries)}</h2>
              <ul className="chip-list" aria-labelledby={ids.industries}>
                {project.tags.map((tag) => (
                  <li key={tag.id}>
                    <button type="button" className="chip" onClick={() => navigation.push({ name: 'industry', id: tag.id })}>
                      {pick(tag.name)}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}

          {pick(project.visiting) && (
            <section aria-labelledby={ids.visiting} className="panel">
              <h2 id={ids.visiting}>{pick(words.visiting)}</h2>
              <p>{pick(project.visiting)}</p>
            </section>
          )}
        </div>

        <aside className="project-side">
          {exhibitor && <ExhibitorPanel exhibitor={exhibitor} booth={exhibitor.booth || project.booth || ''} />}
          {!exhibitor && project.booth && (
            <p className="booth-line panel">
              {t('booth')} <strong>{project.booth}</strong>
            </p>
          )}

          {/* The QR code before the contacts, so in landscape it is on screen without scrolling. */}
          <TakeAway project={project} language={language} />

          {exhibitor && <Contacts exhibitor={exhibitor} headingId={ids.contacts} />}
        </aside>
      </article>
    </Frame>
  );
}

/**
 * Who shows the project and where: name, what they do, what is on at their booth today and when it is open (both
 * kept current by the exhibitor; not shown while empty), the booth number and the way to it on the plan.
 */
export function ExhibitorPanel({ exhibitor, booth }: { exhibitor: Exhibitor; booth: string }) {
  const { t, pick } = useI18n();
  const navigation = useNavigate();
  const headingId = useId();
  const today = pick(exhibitor.today).trim();
  const hours = pick(exhibitor.hours).trim();
  return (
    <section aria-labelledby={headingId} className="panel">
      <p className="eyebrow" id={headingId}>
        {pick(words.exhibitor)}
      </p>
      <h2>{pick(exhibitor.name)}</h2>
      {pick(exhibitor.about) && <p className="muted">{pick(exhibitor.about)}</p>}
      {today && (
        <p className="today-line">
          <span className="today-label">{pick(words.today)}</span>
          <span className="today-text">{today}</span>
        </p>
      )}
      <p className="booth-line">
        {t('booth')} <strong>{booth}</strong>
      </p>
      {hours && (
        <p className="hours-line">
          <span className="muted">{pick(words.hours)}:</span> {hours}
        </p>
      )}
      <button type="button" className="browse-cta" onClick={() => navigation.push({ name: 'hall', exhibitorId: exhibitor.id })}>
        {t('showOnPlan')}
      </button>
    </section>
  );
}

export function Contacts({ exhibitor, headingId }: { exhibitor: Exhibitor; headingId: string }) {
  const { pick } = useI18n();
  // Shown as text only: the kiosk never opens a phone, mail or web address; the QR code takes them away.
  const rows: [Bilingual, string][] = [
    [words.contactPerson, pick(exhibitor.contactName)],
    [words.phone, exhibitor.phone],
    [words.email, exhibitor.email],
    [words.website, exhibitor.website.replace(/^https?:\/\//, '')],
  ];
  const present = rows.filter(([, value]) => value.trim() !== '');
  if (present.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{pick(words.contacts)}</h2>
      <dl className="contact-list">
        {present.map(([label, value]) => (
          <div key={label.en}>
            <dt className="muted">{pick(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function TakeAway({ project, language }: { project: ProjectDetail; language: Language }) {
  const { t, pick } = useI18n();
  const value = project.linkUrl.trim() || (project.exhibitor ? vCard(project.exhibitor, language) : '');
  if (!value) return null;
  return (
    <figure className="panel take-away">
      <QrCode value={value} label={t('scanToTake')} size={220} onShown={() => reportUsage({ kind: 'qr', id: project.id })} />
      <figcaption>
        <strong>{t('scanToTake')}</strong>
        <span className="muted">{pick(project.linkUrl.trim() ? words.qrLink : words.qrContact)}</span>
      </figcaption>
    </figure>
  );
}

/** A vCard 3.0 of the exhibitor, for when the project has no link of its own. */
export function vCard(exhibitor: Exhibitor, language: Language): string {
  // vCard text values escape backslashes, commas, semicolons and line breaks.
  const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/([,;])/g, '\\$1').replace(/\r?\n/g, '\\n');
  const pickText = (text: Bilingual) => text[language] || text.ru;
  const person = pickText(exhibitor.contactName);
  const lines = ['BEGIN:VCARD', 'VERSION:3.0'];
  lines.push(`FN:${escape(person || pickText(exhibitor.name))}`);
  lines.push(`N:${escape(person)};;;;`);
  lines.push(`ORG:${escape(pickText(exhibitor.name))}`);
  if (exhibitor.phone) lines.push(`TEL;TYPE=WORK,VOICE:${escape(exhibitor.phone)}`);
  if (exhibitor.email) lines.push(`EMAIL;TYPE=INTERNET:${escape(exhibitor.email)}`);
  if (exhibitor.website) lines.push(`URL:${escape(exhibitor.website)}`);
  lines.push('END:VCARD');
  return lines.join('\r\n');
}

// ---- Gallery --------------------------------------------------------------------------------------------------

type Photo = MediaRef & { caption: Bilingual };

/**
 * Swipeable photos: a track dragged sideways that snaps to the nearest photo, plus previous/next buttons and dots
 * for those who do not swipe. Only transform is animated; with reduced motion the track jumps.
 */
function Gallery({ media }: { media: Photo[] }) {
  const { pick, language } = useI18n();
  const { reducedMotion } = useSettings().settings;
  const viewport = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [index, setIndex] = useState(0);
  const x = useMotionValue(0);
  const count = media.length;
  const photoLabel = (n: number) => (language === 'ru' ? `Фото ${n} из ${count}` : `Photo ${n} of ${count}`);

  // The slide width follows the layout (orientation, text size), so the track is positioned in pixels from it.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const settle = useCallback(
    (target: number, velocity = 0) => {
      const to = -target * width;
      if (reducedMotion) {
        x.set(to);
        return;
      }
      // Nothing waits for the spring: a later drag or tap simply starts a new animation of the same value.
      void animate(x, to, { type: 'spring', stiffness: 420, damping: 42, velocity });
    },
    [reducedMotion, width, x],
  );

  useEffect(() => {
    settle(index);
  }, [index, settle]);

  const go = (target: number) => setIndex(Math.max(0, Math.min(count - 1, target)));

  const onDragEnd = (_event: PointerEvent | MouseEvent | TouchEvent, info: PanInfo) => {
    // A quarter of a photo, or a quick flick, turns the page; anything less springs back.
    const threshold = width / 4;
    let target = index;
    if (info.offset.x < -threshold || info.velocity.x < -500) target = index + 1;
    else if (info.offset.x > threshold || info.velocity.x > 500) target = index - 1;
    target = Math.max(0, Math.min(count - 1, target));
    if (target === index) settle(index, info.velocity.x);
    else setIndex(target);
  };

  if (count === 0) return null;
  const current = media[Math.min(index, count - 1)];

  return (
    // The animation library only runs here (drag, snap), so its reduced-motion setting is given here too.
    <MotionConfig reducedMotion={reducedMotion ? 'always' : 'user'}>
      <section className="gallery" aria-roledescription={language === 'ru' ? 'галерея' : 'carousel'} aria-label={pick(words.photos)}>
        <div className="gallery-viewport" ref={viewport}>
          <motion.div
            className="gallery-track"
            style={{ x }}
            drag={count > 1 ? 'x' : false}
            dragConstraints={{ left: -(count - 1) * width, right: 0 }}
            dragElastic={0.15}
            dragMomentum={false}
            dragDirectionLock
            onDragEnd={onDragEnd}
            // Images are pictures to look at, never files to drag out of the kiosk.
            onDragStartCapture={(event: DragEvent) => event.preventDefault()}
          >
            {media.map((photo, i) => (
              <div
                key={`${photo.sha256}-${i}`}
                className="gallery-slide"
                role="group"
                aria-roledescription={language === 'ru' ? 'слайд' : 'slide'}
                aria-label={photoLabel(i + 1)}
                aria-hidden={i !== index}
              >
                {/* The photo on screen and its neighbours, so the next one is loaded and decoded before it slides in;
                    the others wait their turn (each is a large picture to draw). */}
                {Math.abs(i - index) <= 1 ? <MediaImage media={photo} className="gallery-image" sizes={imageSizes.page} /> : <div className="gallery-image" />}
              </div>
            ))}
          </motion.div>
        </div>
        <div className="gallery-foot">
          <p className="gallery-caption" aria-live="polite">
            {count > 1 && <span className="muted">{photoLabel(index + 1)} · </span>}
            {current ? pick(current.caption) : ''}
          </p>
          {count > 1 && (
            <div className="gallery-controls">
              <GalleryButton label={pick(words.previous)} disabled={index === 0} onClick={() => go(index - 1)}>
                ‹
              </GalleryButton>
              <div className="gallery-dots">
                {media.map((photo, i) => (
                  <button
                    key={`${photo.sha256}-${i}`}
                    type="button"
                    className="gallery-dot"
                    aria-label={photoLabel(i + 1)}
                    aria-current={i === index ? 'true' : undefined}
                    onClick={() => go(i)}
                  >
                    <span aria-hidden="true" />
                  </button>
                ))}
              </div>
              <GalleryButton label={pick(words.next)} disabled={index === count - 1} onClick={() => go(index + 1)}>
                ›
              </GalleryButton>
            </div>
          )}
        </div>
      </section>
    </MotionConfig>
  );
}

function GalleryButton({ label, disabled, onClick, children }: { label: string; disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="gallery-arrow" aria-label={label} disabled={disabled} onClick={onClick}>
      <span aria-hidden="true">{children}</span>
    </button>
  );
}
