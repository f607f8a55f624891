import { useState } from 'react';
import type { KioskInfo } from '../../../electron/shared/contract';
import { transport } from '../api/client';
import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { Marked } from '../components/Marked';
import { countProjects, useI18n } from '../i18n/i18n';

/**
 * The foundation's proof screen: every part of the catalog, read through the contract from the kiosk's SQLite.
 * The visitor experience (attract loop, home, maps, keyboard) replaces it in the next issue.
 */
export function CatalogScreen({ info, onToggleLanguage }: { info: KioskInfo; onToggleLanguage: () => void }) {
  const { t, pick, language } = useI18n();
  const [regionId, setRegionId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const asOf = info.dataAsOf ? new Date(info.dataAsOf) : null;

  return (
    <div className="page">
      <header className="masthead">
        <div>
          <h1>{info.forum ? pick(info.forum.name) : 'Congress Hall'}</h1>
          {info.forum && (
            <p className="muted">
              {pick(info.forum.venue)} · {info.forum.startsOn} – {info.forum.endsOn}
            </p>
          )}
        </div>
        <div className="masthead-side">
          {info.forum?.isDemo && <span className="badge">{t('demoContent')}</span>}
          <button type="button" className="pill" aria-label={t('switchLanguageLabel')} onClick={onToggleLanguage}>
            {t('switchLanguage')}
          </button>
        </div>
      </header>

      {projectId ? (
        <ProjectView id={projectId} onBack={() => setProjectId(null)} />
      ) : (
        <main className="grid">
          <section aria-labelledby="search-title" className="card wide">
            <h2 id="search-title">{t('search')}</h2>
            <input
              type="search"
              aria-label={t('search')}
              placeholder={t('searchPlaceholder')}
              value={query}
              maxLength={200}
              onChange={(event) => setQuery(event.target.value)}
            />
            {query.trim() && <SearchResults query={query} onOpenProject={setProjectId} onOpenRegion={setRegionId} />}
          </section>

          <section aria-labelledby="regions-title" className="card">
            <h2 id="regions-title">{t('regions')}</h2>
            {regionId ? (
              <RegionProjects regionId={regionId} onBack={() => setRegionId(null)} onOpen={setProjectId} />
            ) : (
              <RegionList onOpen={setRegionId} />
            )}
          </section>

          <section aria-labelledby="clusters-title" className="card">
            <h2 id="clusters-title">{t('clusters')}</h2>
            <ClusterList />
          </section>

          <section aria-labelledby="route-title" className="card">
            <h2 id="route-title">{t('route')}</h2>
            <RouteView />
          </section>

          <section aria-labelledby="programme-title" className="card">
            <h2 id="programme-title">{t('programme')}</h2>
            <ProgrammeView />
          </section>
        </main>
      )}

      <footer className="muted footer">
        {asOf && (
          <span>
            {t('dataAsOf')}{' '}
            {asOf.toLocaleString(language === 'ru' ? 'ru-RU' : 'en-GB', {
              timeZone: info.forum?.timezone,
              day: 'numeric',
              month: 'long',
              hour: '2-digit',
              minute: '2-digit',
            })}
          </span>
        )}
        <span>
          {t('servedOver')}: <span data-testid="transport">{transport === 'ipc' ? 'Electron IPC' : 'HTTP'}</span> · v{info.appVersion}
        </span>
      </footer>
    </div>
  );
}

function RegionList({ onOpen }: { onOpen: (id: string) => void }) {
  const { pick, language } = useI18n();
  const regions = useCall('regions.list', {});
  return (
    <CallView state={regions}>
      {(list) => (
        <ul className="list scroll" aria-label="regions">
          {list
            .filter((region) => region.participating)
            .map((region) => (
              <li key={region.id}>
                <button type="button" className="row" onClick={() => onOpen(region.id)}>
                  <span>{pick(region.name)}</span>
                  <span className="muted">{countProjects(region.projectCount, language)}</span>
                </button>
              </li>
            ))}
        </ul>
      )}
    </CallView>
  );
}

function RegionProjects({ regionId, onBack, onOpen }: { regionId: string; onBack: () => void; onOpen: (id: string) => void }) {
  const { t, pick } = useI18n();
  const projects = useCall('projects.list', { regionId, limit: 100 });
  return (
    <>
      <button type="button" className="pill" onClick={onBack}>
        ← {t('back')}
      </button>
      <CallView state={projects}>
        {(page) => (
          <ul className="list scroll" aria-label={t('projects')}>
            {page.items.map((project) => (
              <li key={project.id}>
                <button type="button" className="row" onClick={() => onOpen(project.id)}>
                  <span>{pick(project.title)}</span>
                  {project.booth && <span className="muted">{project.booth}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </CallView>
    </>
  );
}

function ProjectView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, pick } = useI18n();
  const project = useCall('projects.get', { id });
  return (
    <main className="card detail">
      <button type="button" className="pill" onClick={onBack}>
        ← {t('back')}
      </button>
      <CallView state={project}>
        {(detail) => (
          <article aria-labelledby="project-title">
            <h2 id="project-title">{pick(detail.title)}</h2>
            <p className="muted">
              {pick(detail.regionName)}
              {detail.exhibitor && ` · ${pick(detail.exhibitor.name)} · ${t('booth')} ${detail.exhibitor.booth}`}
            </p>
            {detail.cover && <img className="cover" src={detail.cover.url} alt={pick(detail.cover.alt)} />}
            <p>{pick(detail.description)}</p>
            <h3>{t('visiting')}</h3>
            <p>{pick(detail.visiting)}</p>
            <p className="tags">
              {detail.tags.map((tag) => (
                <span key={tag.id} className="badge">
                  {pick(tag.name)}
                </span>
              ))}
            </p>
          </article>
        )}
      </CallView>
    </main>
  );
}

function ClusterList() {
  const { pick, language, t } = useI18n();
  const clusters = useCall('clusters.list', {});
  return (
    <CallView state={clusters}>
      {(list) => (
        <ul className="list scroll" aria-label={t('clusters')}>
          {list.map((cluster) => (
            <li key={cluster.id} className="row static">
              <span>{pick(cluster.name)}</span>
              <span className="muted">
                {t('members')}: {cluster.members.length} · {countProjects(cluster.projectCount, language)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </CallView>
  );
}

function RouteView() {
  const { pick, t } = useI18n();
  const route = useCall('route.get', {});
  return (
    <CallView state={route}>
      {(value) => (
        <>
          <p className="lead">{pick(value.name)}</p>
          <ol className="list scroll" aria-label={pick(value.name)}>
            {value.stops.map((stop) => (
              <li key={stop.id} className="row static">
                <span>
                  {stop.position}. {pick(stop.title)}
                </span>
                <span className="muted">
                  {pick(stop.enterprise)} · {stop.durationMinutes} {t('minutes')}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </CallView>
  );
}

function ProgrammeView() {
  const { pick, t } = useI18n();
  const days = useCall('programme.days', {});
  return (
    <CallView state={days}>
      {(list) => (
        <div className="scroll">
          {list.map((day) => (
            <section key={day.date} aria-label={day.date}>
              <h3>{day.date}</h3>
              <ul className="list" aria-label={`${t('programme')} ${day.date}`}>
                {day.sessions.map((session) => (
                  <li key={session.id} className="row static">
                    <span>
                      {session.startsAt.slice(11, 16)} {pick(session.title)}
                    </span>
                    <span className="muted">{pick(session.place)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </CallView>
  );
}

function SearchResults({
  query,
  onOpenProject,
  onOpenRegion,
}: {
  query: string;
  onOpenProject: (id: string) => void;
  onOpenRegion: (id: string) => void;
}) {
  const { t, language } = useI18n();
  const result = useCall('search', { q: query, limit: 20 });
  return (
    <CallView state={result}>
      {(value) =>
        value.hits.length === 0 ? (
          <p className="muted">{t('nothingFound')}</p>
        ) : (
          <ul className="list" aria-label={`${t('search')}: ${query}`}>
            {value.hits.map((hit) => {
              const open = hit.kind === 'project' ? () => onOpenProject(hit.id) : hit.kind === 'region' ? () => onOpenRegion(hit.id) : undefined;
              const content = (
                <>
                  <span>
                    <Marked segments={hit.title[language]} />
                  </span>
                  <span className="muted small">
                    <Marked segments={hit.snippet[language]} />
                  </span>
                </>
              );
              return (
                <li key={`${hit.kind}:${hit.id}`}>
                  {open ? (
                    <button type="button" className="row stacked" onClick={open}>
                      {content}
                    </button>
                  ) : (
                    <div className="row stacked static">{content}</div>
                  )}
                </li>
              );
            })}
          </ul>
        )
      }
    </CallView>
  );
}
