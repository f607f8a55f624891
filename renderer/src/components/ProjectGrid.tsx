import { useId, useState } from 'react';
import type { CallInput, ProjectCard } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { countProjects, useI18n } from '../i18n/i18n';
import { useNavigate } from '../state/navigation';
import { CallView } from './CallView';
import { imageSizes, MediaImage } from './MediaImage';
import '../screens/browse.css';

/** How many cards one page brings; "Show more" adds another page under the ones already shown. */
export const projectPageSize = 24;

export type ProjectFilter = { regionId: string } | { clusterId: string } | { tagId: string };

/**
 * The projects of a region, an industry or a cluster as touch cards, paged with "Show more". Each extra page is its
 * own call, so the cards already on screen never reload (or jump) when the visitor asks for more.
 */
export function ProjectGrid({ filter, title, showRegion = true }: { filter: ProjectFilter; title: string; showRegion?: boolean }) {
  const { language, t } = useI18n();
  const headingId = useId();
  const first = useCall('projects.list', { ...filter, offset: 0, limit: projectPageSize });
  const [pages, setPages] = useState(1);

  return (
    <section className="project-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-heading">
        {title}
        {first.status === 'ok' && <span className="section-count muted">{countProjects(first.value.total, language)}</span>}
      </h2>
      <CallView state={first}>
        {(page) =>
          page.total === 0 ? (
            <p className="notice">{t('nothingFound')}</p>
          ) : (
            <>
              <ul className="card-grid project-grid" aria-labelledby={headingId}>
                <ProjectItems items={page.items} showRegion={showRegion} />
                {Array.from({ length: pages - 1 }, (_, index) => (
                  <MorePage key={index} filter={filter} offset={(index + 1) * projectPageSize} showRegion={showRegion} />
                ))}
              </ul>
              <MoreButton shown={Math.min(pages * projectPageSize, page.total)} total={page.total} onMore={() => setPages((n) => n + 1)} />
            </>
          )
        }
      </CallView>
    </section>
  );
}

function MorePage({ filter, offset, showRegion }: { filter: ProjectFilter; offset: number; showRegion: boolean }) {
  const { t, errorMessage } = useI18n();
  const input: CallInput<'projects.list'> = { ...filter, offset, limit: projectPageSize };
  const state = useCall('projects.list', input);
  // Inside the <ul>, so loading and errors are list items too.
  if (state.status === 'loading') return <li className="muted grid-note">{t('loading')}</li>;
  if (state.status === 'error') return <li className="notice grid-note" role="alert">{errorMessage(state.error.code)}</li>;
  return <ProjectItems items={state.value.items} showRegion={showRegion} />;
}

function MoreButton({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  const { language } = useI18n();
  return (
    <div className="more-row">
      <p className="muted" aria-live="polite">
        {language === 'ru' ? `Показано ${shown} из ${total}` : `Showing ${shown} of ${total}`}
      </p>
      {shown < total && (
        <button type="button" className="button more-button" onClick={onMore}>
          {language === 'ru' ? 'Показать ещё' : 'Show more'}
        </button>
      )}
    </div>
  );
}

function ProjectItems({ items, showRegion }: { items: ProjectCard[]; showRegion: boolean }) {
  return (
    <>
      {items.map((project) => (
        <li key={project.id}>
          <ProjectCardButton project={project} showRegion={showRegion} />
        </li>
      ))}
    </>
  );
}

export function ProjectCardButton({ project, showRegion = true }: { project: ProjectCard; showRegion?: boolean }) {
  const { pick, t } = useI18n();
  const navigation = useNavigate();
  return (
    <button type="button" className="card project-card" onClick={() => navigation.push({ name: 'project', id: project.id })}>
      {/* The title names the card; the picture is decoration here (its description is on the project screen). */}
      <MediaImage media={project.cover} className="card-thumb" sizes={imageSizes.card} decorative />
      <span className="card-body">
        <span className="card-title">{pick(project.title)}</span>
        {showRegion && <span className="muted">{pick(project.regionName)}</span>}
        {project.booth && (
          <span className="badge booth-badge">
            {t('booth')} {project.booth}
          </span>
        )}
      </span>
    </button>
  );
}
