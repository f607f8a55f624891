// What staff mode reads from the kiosk's copy: staff PIN verifiers, the presentation schedule, and the slides of a
// presentation (built from the same catalog queries the visitor screens use).
import type { Db } from '../connection';
import { playlistSchema, type Bilingual, type Playlist, type Slide } from '../../electron/shared/contract';
import { forum, getRoute, listProjects, listRegions, programmeNowNext } from './catalog';

export type StaffCredential = { staffId: string; name: string; verifySalt: string; verifier: string; kdf: string };

export function staffCredentials(db: Db): StaffCredential[] {
  return db
    .prepare('SELECT staff_id AS staffId, name, verify_salt AS verifySalt, verifier, kdf FROM staff_pins WHERE deleted = 0 ORDER BY staff_id')
    .all() as StaffCredential[];
}

/** One occurrence of a scheduled presentation, with its times resolved (a programme session's times win). */
export type ScheduledPresentation = {
  id: string;
  zone: string;
  startsAt: number;
  endsAt: number;
  playlist: Playlist;
  intervalSeconds: number;
};

/**
 * The schedule entries that apply to a kiosk of `zone`, with resolved times. An entry tied to a programme session
 * follows that session (moved or removed with it); an entry whose times or playlist cannot be read is left out.
 */
export function scheduleFor(db: Db, zone: string): ScheduledPresentation[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.zone, s.session_id, s.starts_at, s.ends_at, s.playlist, s.interval_seconds,
              p.starts_utc AS session_starts, p.ends_utc AS session_ends
         FROM presentation_schedule s
         LEFT JOIN programme_sessions p ON p.id = s.session_id AND p.deleted = 0
        WHERE s.deleted = 0 AND (s.zone = '' OR s.zone = ?)
        ORDER BY s.id`,
    )
    .all(zone) as {
    id: string;
    zone: string;
    session_id: string;
    starts_at: string;
    ends_at: string;
    playlist: string;
    interval_seconds: number;
    session_starts: number | null;
    session_ends: number | null;
  }[];
  const entries: ScheduledPresentation[] = [];
  for (const row of rows) {
    const [startsAt, endsAt] = row.session_id
      ? [row.session_starts ?? NaN, row.session_ends ?? NaN]
      : [Date.parse(row.starts_at), Date.parse(row.ends_at)];
    let playlist: Playlist;
    try {
      playlist = playlistSchema.parse(JSON.parse(row.playlist));
    } catch {
      continue;
    }
    if (!Number.isFinite(startsAt) || !Number.isFinite(endsAt) || endsAt <= startsAt) continue;
    const intervalSeconds = Math.min(600, Math.max(3, Math.round(row.interval_seconds)));
    entries.push({ id: row.id, zone: row.zone, startsAt, endsAt, playlist, intervalSeconds });
  }
  return entries;
}

/** The entry to present at `at`: of those running then, the one that started last (then the smallest id). */
export function activeScheduled(entries: readonly ScheduledPresentation[], at: number): ScheduledPresentation | null {
  let best: ScheduledPresentation | null = null;
  for (const entry of entries) {
    if (entry.startsAt > at || entry.endsAt <= at) continue;
    if (!best || entry.startsAt > best.startsAt) best = entry;
  }
  return best;
}

const both = (ru: string, en: string): Bilingual => ({ ru, en });
const none: Bilingual = both('', '');

function clockText(ms: number, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(11, 16);
  }
}

/** The most projects one presentation cycles through. */
const maxProjectSlides = 60;

/** The slides of a playlist from this kiosk's copy; never empty (a title slide stands in when there is nothing). */
export function presentationSlides(db: Db, playlist: Playlist, at: Date): Slide[] {
  const slides: Slide[] = [];
  const theForum = forum(db);
  const forumName = theForum?.name ?? both('Дни промышленности Омской области', 'Industry Days in the Omsk Region');

  if (playlist.kind === 'route') {
    const route = getRoute(db, undefined);
    if (route) {
      slides.push({ key: `route:${route.id}`, kind: 'title', badge: both('Туристический маршрут', 'Tourist route'), title: route.name, subtitle: none, text: route.about, image: route.cover });
      for (const stop of route.stops) {
        slides.push({
          key: `route_stop:${stop.id}`,
          kind: 'route_stop',
          badge: both(`Остановка ${stop.position} из ${route.stops.length}`, `Stop ${stop.position} of ${route.stops.length}`),
          title: stop.title,
          subtitle: stop.enterprise,
          text: stop.about,
          image: stop.cover,
        });
      }
    }
  } else if (playlist.kind === 'featured' || playlist.kind === 'region') {
    const filter = playlist.kind === 'featured' ? { featured: true } : { regionId: playlist.regionId };
    if (playlist.kind === 'region') {
      const region = listRegions(db).find((r) => r.id === playlist.regionId);
      if (region) slides.push({ key: `region:${region.id}`, kind: 'title', badge: both('Регион', 'Region'), title: region.name, subtitle: region.district, text: region.summary, image: null });
    }
    for (const project of listProjects(db, filter, 0, maxProjectSlides).items) {
      slides.push({
        key: `project:${project.id}`,
        kind: 'project',
        badge: project.booth ? both(`Стенд ${project.booth}`, `Booth ${project.booth}`) : project.regionName,
        title: project.title,
        subtitle: project.regionName,
        text: project.summary,
        image: project.cover,
      });
    }
  } else {
    const timezone = theForum?.timezone ?? 'Asia/Omsk';
    const { now, next } = programmeNowNext(db, at);
    for (const [sessions, ru, en] of [[now, 'Сейчас', 'Now'], [next, 'Далее', 'Next']] as const) {
      for (const s of sessions) {
        const time = `${clockText(Date.parse(s.startsAt), timezone)}–${clockText(Date.parse(s.endsAt), timezone)}`;
        slides.push({
          key: `session:${s.id}`,
          kind: 'session',
          badge: both(`${ru} · ${time}`, `${en} · ${time}`),
          title: s.title,
          subtitle: s.place,
          text: s.about,
          image: null,
        });
      }
    }
  }

  if (slides.length === 0) {
    const what =
      playlist.kind === 'on_stage'
        ? both('Сейчас на сцене ничего не идёт', 'Nothing is on stage right now')
        : both('Материалы скоро появятся', 'Content is on its way');
    slides.push({ key: 'title:forum', kind: 'title', badge: none, title: forumName, subtitle: what, text: none, image: null });
  }
  return slides;
}
