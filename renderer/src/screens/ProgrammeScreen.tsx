import { useState } from 'react';
import type { Bilingual, ProgrammeDay, ProgrammeKind, ProgrammeSession } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import { minuteOf, useNow } from '../state/clock';
import { useForumTime } from '../state/kiosk-info';
import type { ScreenOf } from '../state/navigation';
import './find.css';

const words = {
  subtitle: { ru: 'Время местное (Омск)', en: 'Local time (Omsk)' },
  nothingNow: { ru: 'Сейчас в программе ничего не идёт.', en: 'Nothing is on right now.' },
  programmeOver: { ru: 'Программа форума завершена.', en: 'The forum programme has ended.' },
  days: { ru: 'Дни форума', en: 'Forum days' },
  sessionsOf: { ru: 'Программа на', en: 'Programme for' },
} satisfies Record<string, Bilingual>;

const kinds: Record<ProgrammeKind, Bilingual> = {
  plenary: { ru: 'Пленарное заседание', en: 'Plenary' },
  presentation: { ru: 'Презентация', en: 'Presentation' },
  awards: { ru: 'Награждение', en: 'Awards' },
  signing: { ru: 'Подписание соглашений', en: 'Signing' },
  panel: { ru: 'Панельная дискуссия', en: 'Panel discussion' },
  excursion: { ru: 'Экскурсия', en: 'Tour' },
  other: { ru: 'Событие форума', en: 'Forum event' },
};

function isOn(session: ProgrammeSession, at: number): boolean {
  return Date.parse(session.startsAt) <= at && at < Date.parse(session.endsAt);
}

export function ProgrammeScreen({ screen }: { screen: ScreenOf<'programme'> }) {
  const { t, pick } = useI18n();
  // The renderer's clock decides "now" (never the core's), so the page clock in tests and the screen agree.
  const now = useNow();
  const at = minuteOf(now);
  const nowNext = useCall('programme.nowNext', { at });
  const days = useCall('programme.days', {});

  return (
    <ScreenFrame title={t('programme')} subtitle={pick(words.subtitle)}>
      <div className="programme" data-screen={screen.name}>
        <div className="now-next">
          <CallView state={nowNext}>
            {(value) => (
              <>
                <NowNextBlock heading={t('now')} sessions={value.now} empty={pick(words.nothingNow)} at={at} current />
                <NowNextBlock heading={t('next')} sessions={value.next} empty={pick(words.programmeOver)} at={at} />
              </>
            )}
          </CallView>
        </div>
        <CallView state={days}>{(value) => <DayTabs days={value} at={Date.parse(at)} />}</CallView>
      </div>
    </ScreenFrame>
  );
}

function NowNextBlock({
  heading,
  sessions,
  empty,
  at,
  current = false,
}: {
  heading: string;
  sessions: ProgrammeSession[];
  empty: string;
  at: string;
  current?: boolean;
}) {
  const { pick, language } = useI18n();
  const format = useForumTime();
  const dateOf = (iso: string) => format(iso, language, { day: 'numeric', month: 'long' });
  const id = current ? 'programme-now' : 'programme-next';
  return (
    <section className={`card now-next-card ${current ? 'is-now' : ''}`} aria-labelledby={id}>
      <div className="card-body">
        <h2 id={id} className="now-next-heading">
          {heading}
        </h2>
        {sessions.length === 0 ? (
          <p className="muted">{empty}</p>
        ) : (
          <ul className="list">
            {sessions.map((session) => (
              <li key={session.id} className="now-next-item">
                <span>
                  {/* "Next" may be another day (the evening before, or overnight between the two days). */}
                  {dateOf(session.startsAt) !== dateOf(at) && <span className="session-time">{dateOf(session.startsAt)}, </span>}
                  <TimeRange session={session} />
                </span>
                <span className="card-title">{pick(session.title)}</span>
                <span className="muted">
                  {pick(session.place)} · {pick(kinds[session.kind])}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function TimeRange({ session }: { session: ProgrammeSession }) {
  const { language } = useI18n();
  const format = useForumTime();
  const time = (iso: string) => format(iso, language, { hour: '2-digit', minute: '2-digit' });
  return (
    <span className="session-time">
      <time dateTime={session.startsAt}>{time(session.startsAt)}</time>–<time dateTime={session.endsAt}>{time(session.endsAt)}</time>
    </span>
  );
}

function DayTabs({ days, at }: { days: ProgrammeDay[]; at: number }) {
  const { pick, t, language } = useI18n();
  const format = useForumTime();
  // Open on the day that is on now (during the forum), otherwise on the first day.
  const today = days.find((day) => day.sessions.some((s) => Date.parse(s.startsAt) <= at) && day.sessions.some((s) => Date.parse(s.endsAt) > at));
  const [chosen, setChosen] = useState<string | null>(null);
  const date = chosen ?? today?.date ?? days[0]?.date ?? null;
  const day = days.find((d) => d.date === date);
  // Noon UTC of a forum date is the same calendar date in every Russian time zone.
  const dayLabel = (iso: string) => format(`${iso}T12:00:00Z`, language, { day: 'numeric', month: 'long' });

  return (
    <div className="programme-days">
      <div className="chips" role="group" aria-label={pick(words.days)}>
        {days.map((d) => (
          <button key={d.date} type="button" className="chip" aria-pressed={d.date === date} onClick={() => setChosen(d.date)}>
            {dayLabel(d.date)}
          </button>
        ))}
      </div>
      {day && (
        <ol className="list sessions" aria-label={`${pick(words.sessionsOf)} ${dayLabel(day.date)}`}>
          {day.sessions.map((session) => {
            const on = isOn(session, at);
            return (
              <li key={session.id} className={`session ${on ? 'is-now' : ''}`} aria-current={on ? 'time' : undefined}>
                <TimeRange session={session} />
                <div className="session-text">
                  <span className="session-meta">
                    <span className="badge">{pick(kinds[session.kind])}</span>
                    {on && <span className="badge now-badge">{t('now')}</span>}
                  </span>
                  <span className="card-title">{pick(session.title)}</span>
                  <span className="session-place">{pick(session.place)}</span>
                  <span className="muted session-about">{pick(session.about)}</span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
