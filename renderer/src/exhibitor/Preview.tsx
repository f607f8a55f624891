import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Bilingual, EditableItem, Exhibitor, ExhibitorSession, KioskApi, Language, ProjectCard, ProjectDetail } from '../../../electron/shared/contract';
import { ProjectCardButton } from '../components/ProjectGrid';
import { LanguageOverride, useI18n } from '../i18n/i18n';
import { Contacts, ExhibitorPanel, ProjectView } from '../screens/ProjectScreen';
import { StaticNavigation } from '../state/navigation';
import { useExhibitorHost } from './context';
import type { FieldValue } from './drafts';
import { words } from './words';

type Values = Readonly<Record<string, FieldValue>>;

const text = (values: Values, field: string): string => {
  const value = values[field];
  return typeof value === 'string' ? value : '';
};
const bilingual = (values: Values, base: string): Bilingual => ({ ru: text(values, `${base}_ru`), en: text(values, `${base}_en`) });

/** The exhibitor as visitors would read them with these values: the editable lines from the draft, the rest as held. */
export function previewExhibitor(session: ExhibitorSession, id: string, values: Values, held: Exhibitor | null): Exhibitor {
  return {
    id,
    name: held?.name ?? session.name,
    booth: held?.booth ?? session.booth,
    zoneId: held?.zoneId ?? null,
    logo: held?.logo ?? null,
    about: bilingual(values, 'about'),
    contactName: bilingual(values, 'contact_name'),
    phone: text(values, 'phone'),
    email: text(values, 'email'),
    website: text(values, 'website'),
    hours: bilingual(values, 'hours'),
    today: bilingual(values, 'today'),
  };
}

/**
 * The project as visitors would see it with these values. What an exhibitor cannot change (region, tags, captions)
 * comes from the kiosk's copy when it has one; a hidden project is not in the visitors' catalog, so then the
 * preview makes do with what the editor holds.
 */
export function previewProject(item: EditableItem, values: Values, held: ProjectDetail | null, session: ExhibitorSession): ProjectDetail {
  const coverId = values.cover_sha256;
  const cover = item.photos.find((photo) => photo.sha256 === coverId) ?? null;
  const none: Bilingual = { ru: '', en: '' };
  return {
    id: item.id,
    kind: held?.kind ?? 'tourism',
    title: bilingual(values, 'title'),
    summary: bilingual(values, 'summary'),
    description: bilingual(values, 'description'),
    visiting: bilingual(values, 'visiting'),
    regionId: held?.regionId ?? '',
    regionName: held?.regionName ?? none,
    clusterId: held?.clusterId ?? null,
    clusterName: held?.clusterName ?? null,
    booth: held?.booth ?? session.booth,
    featured: held?.featured ?? false,
    cover,
    linkUrl: held?.linkUrl ?? '',
    tags: held?.tags ?? [],
    media: held?.media ?? item.photos.map((photo) => ({ ...photo, caption: none })),
    exhibitor: held?.exhibitor ?? null,
  };
}

/** The project as the kiosk's catalog holds it, for what the preview cannot learn from the editor. */
function useHeldProject(api: KioskApi, item: EditableItem): ProjectDetail | null {
  const [held, setHeld] = useState<{ id: string; project: ProjectDetail | null } | null>(null);
  useEffect(() => {
    if (item.target !== 'project') return;
    let current = true;
    void api.invoke('projects.get', { id: item.id }).then((result) => {
      if (current) setHeld({ id: item.id, project: result.ok ? result.value : null });
    });
    return () => {
      current = false;
    };
  }, [api, item.id, item.target]);
  return held?.id === item.id ? held.project : null;
}

/** A project page inside the preview: the screen's look, with a plain title instead of the screen's own heading. */
function PreviewFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <div className="screen exh-preview-screen">
      <div className="screen-head">
        <div>
          <p className="exh-preview-title">{title}</p>
          {subtitle && <p className="muted screen-subtitle">{subtitle}</p>}
        </div>
      </div>
      <div>{children}</div>
    </div>
  );
}

/**
 * What visitors will see once the draft is saved, drawn by the visitors' own components: for a project its card
 * and its page, for the booth entry the exhibitor block of a project page. In either language, whatever the kiosk
 * speaks. Inert: it is a picture of the screen, its buttons lead nowhere.
 */
export function Preview({ item, values, session }: { item: EditableItem; values: Values; session: ExhibitorSession }) {
  const host = useExhibitorHost();
  const { pick, language } = useI18n();
  const headingId = useId();
  const [chosen, setChosen] = useState<Language | null>(null);
  const shown = chosen ?? language;
  const held = useHeldProject(host.api, item);
  const hidden = item.target === 'project' && values.hidden === 1;

  let body: ReactNode;
  if (item.target === 'exhibitor') {
    const exhibitor = previewExhibitor(session, item.id, values, null);
    body = (
      <>
        <p className="exh-preview-caption">{pick(words.previewBlock)}</p>
        <LanguageOverride.Provider value={shown}>
          <div className="exh-preview-frame exh-preview-side" inert>
            <ExhibitorPanel exhibitor={exhibitor} booth={exhibitor.booth} />
            <Contacts exhibitor={exhibitor} headingId={`${headingId}-contacts`} />
          </div>
        </LanguageOverride.Provider>
      </>
    );
  } else {
    const project = previewProject(item, values, held, session);
    const card: ProjectCard = project;
    body = (
      <>
        <p className="exh-preview-caption">{pick(words.previewCard)}</p>
        <LanguageOverride.Provider value={shown}>
          <div className="exh-preview-frame exh-preview-card" inert>
            <ProjectCardButton project={card} />
          </div>
        </LanguageOverride.Provider>
        <p className="exh-preview-caption">{pick(words.previewPage)}</p>
        <LanguageOverride.Provider value={shown}>
          <div className="exh-preview-frame" inert>
            <ProjectView project={project} frame={PreviewFrame} />
          </div>
        </LanguageOverride.Provider>
      </>
    );
  }

  return (
    <section className="exh-preview" aria-labelledby={headingId}>
      <div className="exh-preview-head">
        <h3 id={headingId}>{pick(words.preview)}</h3>
        <div className="segmented" role="group" aria-label={pick(words.previewLanguage)}>
          <button type="button" className="button" lang="ru" aria-pressed={shown === 'ru'} onClick={() => setChosen('ru')}>
            Русский
          </button>
          <button type="button" className="button" lang="en" aria-pressed={shown === 'en'} onClick={() => setChosen('en')}>
            English
          </button>
        </div>
      </div>
      {hidden && <p className="notice">{pick(words.hiddenNotice)}</p>}
      <StaticNavigation>{body}</StaticNavigation>
    </section>
  );
}
