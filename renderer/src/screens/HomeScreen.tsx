import type { ReactNode } from 'react';
import { useCall } from '../api/use-call';
import { useI18n } from '../i18n/i18n';
import { minuteOf, useNow } from '../state/clock';
import { useKioskInfo, useForumTime } from '../state/kiosk-info';
import { useNavigate, type Screen } from '../state/navigation';

/** The ways in: regions, industries, clusters, the route, the programme, the hall plan and search. */
export function HomeScreen() {
  const { t, pick, language } = useI18n();
  const info = useKioskInfo();
  const navigation = useNavigate();
  const format = useForumTime();
  const now = useNow();
  const nowNext = useCall('programme.nowNext', { at: minuteOf(now) });
  const route = useCall('route.get', {});

  const onStage = nowNext.status === 'ok' ? (nowNext.value.now[0] ?? nowNext.value.next[0]) : undefined;
  const onStageIsNow = nowNext.status === 'ok' && nowNext.value.now.length > 0;

  return (
    <section className="screen home" aria-labelledby="screen-title">
      <header className="home-head">
        <h1 id="screen-title">{info.forum ? pick(info.forum.name) : t('projects')}</h1>
        {info.forum && (
          <p className="muted">
            {pick(info.forum.venue)} ·{' '}
            {format(`${info.forum.startsOn}T12:00:00Z`, language, { day: 'numeric', month: 'long' })} –{' '}
            {format(`${info.forum.endsOn}T12:00:00Z`, language, { day: 'numeric', month: 'long', year: 'numeric' })}
          </p>
        )}
        {info.forum?.isDemo && <span className="badge">{t('demoContent')}</span>}
      </header>

      <button type="button" className="search-entry" onClick={() => navigation.push({ name: 'search' })}>
        <svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
          <circle cx="10" cy="10" r="7" stroke="currentColor" strokeWidth="2.5" fill="none" />
          <path d="m15 15 6 6" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        <span>{t('search')}</span>
      </button>

      <div className="home-grid">
        <Entry to={{ name: 'regions' }} title={t('regions')} hint={language === 'ru' ? 'Карта и список участников' : 'Map and list of participants'} accent="a" />
        <Entry
          to={{ name: 'route' }}
          title={route.status === 'ok' ? pick(route.value.name) : t('route')}
          hint={language === 'ru' ? 'Туристический маршрут по предприятиям Омска' : 'A tourist route through Omsk enterprises'}
          accent="b"
          wide
        />
        <Entry to={{ name: 'clusters' }} title={t('clusters')} hint={language === 'ru' ? '10 промышленных кластеров' : '10 industrial clusters'} accent="c" />
        <Entry to={{ name: 'industries' }} title={t('industries')} hint={language === 'ru' ? 'Проекты по отраслям' : 'Projects by industry'} accent="d" />
        <Entry
          to={{ name: 'programme' }}
          title={t('programme')}
          hint={
            onStage ? (
              <>
                {onStageIsNow ? t('now') : t('next')}: {format(onStage.startsAt, language, { hour: '2-digit', minute: '2-digit' })} {pick(onStage.title)}
              </>
            ) : language === 'ru' ? (
              'Два дня форума'
            ) : (
              'Both days of the forum'
            )
          }
          accent="e"
          wide
        />
        <Entry to={{ name: 'hall' }} title={t('hallPlan')} hint={language === 'ru' ? 'План зала и стенды' : 'Hall plan and booths'} accent="f" />
      </div>

      {/* Discreet: visitors pass it by; an exhibitor who wants to fix their entry finds it at the foot of home. */}
      <div className="home-foot">
        <button type="button" className="bar-button exhibitor-entry" onClick={() => navigation.push({ name: 'exhibitor' })}>
          {t('forExhibitors')}
        </button>
      </div>
    </section>
  );
}

function Entry({ to, title, hint, accent, wide = false }: { to: Screen; title: string; hint: ReactNode; accent: string; wide?: boolean }) {
  const navigation = useNavigate();
  return (
    <button type="button" className={`entry accent-${accent} ${wide ? 'wide' : ''}`} onClick={() => navigation.push(to)}>
      <span className="entry-title">{title}</span>
      <span className="entry-hint">{hint}</span>
    </button>
  );
}
