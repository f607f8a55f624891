// Deterministic demo content for the kiosk: the forum «Дни промышленности Омской области», every region on the
// tile map, exhibitors on the hall plan, Omsk clusters, the route, the programme and (scalable) projects.
// Same seed and options ⇒ byte-identical rows and media, so screenshots, tests and benchmarks are reproducible.
import type { Db } from '../connection';
import { capitalize, coverImage, logoImage, palettes, type CoverMotif, type DemoImage, type LogoShape } from './images';
import { enterpriseType, tags, type EnterpriseType, type Motif, type TagId, type Text } from './industries';
import { clusters, omskEnterprises, omskRegionTeam, route, routeStops } from './omsk';
import { demoPinKdf, demoPins, demoStaff } from './pins';
import { forumDays, forumOffset, sessions } from './programme';
import { createRng, deriveSeed, type Rng } from './random';
import { districts, regions, type DistrictId, type RegionSeed } from './regions';

export type DemoOptions = { seed?: number; projects?: number };
export type DemoSummary = {
  regions: number;
  participatingRegions: number;
  exhibitors: number;
  projects: number;
  clusters: number;
  routeStops: number;
  sessions: number;
  media: number;
};

export const defaultDemoSeed = 20261203;
export const defaultDemoProjects = 320;
/** Fixed, so that the database is identical on every run; it is what the kiosk shows as "data as of". */
export const demoUpdatedAt = '2026-11-25T18:00:00+06:00';
export const demoForumId = 'industry-days-omsk-2026';
/** Where a demo kiosk stands on the hall plan ("you are here"): by the entrance, bottom centre. Staff move real ones. */
export const demoKioskPosition = { x: 60, y: 69 };

type MediaSink = { put(bytes: Uint8Array): string };

// ---- Hall plan ---------------------------------------------------------------------------------------------

type ZoneSeed = { id: string; letter: string; name: Text; x: number; y: number; width: number; height: number };

const zones: readonly ZoneSeed[] = [
  { id: 'omsk', letter: 'A', name: { ru: 'Омская область: кластеры', en: 'Omsk Region: clusters' }, x: 4, y: 4, width: 52, height: 28 },
  { id: 'siberia-far-east', letter: 'B', name: { ru: 'Сибирь и Дальний Восток', en: 'Siberia and the Far East' }, x: 60, y: 4, width: 56, height: 28 },
  { id: 'centre-northwest', letter: 'C', name: { ru: 'Центр и Северо-Запад', en: 'Central and Northwestern Russia' }, x: 4, y: 38, width: 40, height: 28 },
  { id: 'south-volga-urals', letter: 'D', name: { ru: 'Юг, Кавказ, Поволжье и Урал', en: 'South, Caucasus, Volga and Urals' }, x: 48, y: 38, width: 40, height: 28 },
  { id: 'tourism', letter: 'E', name: { ru: 'Промышленный туризм Омской области', en: 'Omsk industrial tourism' }, x: 92, y: 38, width: 24, height: 28 },
];

const zoneOfDistrict: Record<DistrictId, string> = {
  cfo: 'centre-northwest',
  szfo: 'centre-northwest',
  yufo: 'south-volga-urals',
  skfo: 'south-volga-urals',
  pfo: 'south-volga-urals',
  ufo: 'south-volga-urals',
  sfo: 'siberia-far-east',
  dfo: 'siberia-far-east',
};

const booth = { width: 4, depth: 3, pitchX: 5, pitchY: 4.5, margin: 1.5 };

/** Hands out booths row by row inside each zone, so they never overlap and never leave their zone. */
function boothAllocator() {
  const used = new Map<string, number>();
  return (zoneId: string) => {
    const zone = zones.find((z) => z.id === zoneId);
    if (!zone) throw new Error(`Unknown zone ${zoneId}`);
    const index = used.get(zoneId) ?? 0;
    used.set(zoneId, index + 1);
    const columns = Math.floor((zone.width - 2 * booth.margin + (booth.pitchX - booth.width)) / booth.pitchX);
    const rows = Math.floor((zone.height - 2 * booth.margin + (booth.pitchY - booth.depth)) / booth.pitchY);
    if (index >= columns * rows) throw new Error(`Zone ${zoneId} has room for ${columns * rows} booths only`);
    return {
      number: `${zone.letter}-${index + 1}`,
      zoneId,
      x: zone.x + booth.margin + (index % columns) * booth.pitchX,
      y: zone.y + booth.margin + Math.floor(index / columns) * booth.pitchY,
      width: booth.width,
      height: booth.depth,
    };
  };
}

// ---- People and contacts (invented) ------------------------------------------------------------------------

const firstNames: readonly { male: boolean; ru: string; en: string }[] = [
  { male: true, ru: 'Алексей', en: 'Alexey' },
  { male: true, ru: 'Дмитрий', en: 'Dmitry' },
  { male: true, ru: 'Сергей', en: 'Sergey' },
  { male: true, ru: 'Андрей', en: 'Andrey' },
  { male: true, ru: 'Игорь', en: 'Igor' },
  { male: true, ru: 'Максим', en: 'Maxim' },
  { male: true, ru: 'Павел', en: 'Pavel' },
  { male: true, ru: 'Артём', en: 'Artyom' },
  { male: false, ru: 'Анна', en: 'Anna' },
  { male: false, ru: 'Мария', en: 'Maria' },
  { male: false, ru: 'Елена', en: 'Elena' },
  { male: false, ru: 'Ольга', en: 'Olga' },
  { male: false, ru: 'Татьяна', en: 'Tatiana' },
  { male: false, ru: 'Наталья', en: 'Natalia' },
  { male: false, ru: 'Ксения', en: 'Ksenia' },
  { male: false, ru: 'Алёна', en: 'Alyona' },
];

const surnames: readonly [string, string, string, string][] = [
  ['Иванов', 'Иванова', 'Ivanov', 'Ivanova'],
  ['Смирнов', 'Смирнова', 'Smirnov', 'Smirnova'],
  ['Кузнецов', 'Кузнецова', 'Kuznetsov', 'Kuznetsova'],
  ['Соколов', 'Соколова', 'Sokolov', 'Sokolova'],
  ['Попов', 'Попова', 'Popov', 'Popova'],
  ['Лебедев', 'Лебедева', 'Lebedev', 'Lebedeva'],
  ['Новиков', 'Новикова', 'Novikov', 'Novikova'],
  ['Морозов', 'Морозова', 'Morozov', 'Morozova'],
  ['Волков', 'Волкова', 'Volkov', 'Volkova'],
  ['Фёдоров', 'Фёдорова', 'Fyodorov', 'Fyodorova'],
  ['Орлов', 'Орлова', 'Orlov', 'Orlova'],
  ['Зайцев', 'Зайцева', 'Zaitsev', 'Zaitseva'],
];

function contactName(rng: Rng): Text {
  const first = rng.pick(firstNames);
  const [ruM, ruF, enM, enF] = rng.pick(surnames);
  return first.male ? { ru: `${first.ru} ${ruM}`, en: `${first.en} ${enM}` } : { ru: `${first.ru} ${ruF}`, en: `${first.en} ${enF}` };
}

const two = (n: number) => String(n).padStart(2, '0');

// Local numbers starting with 0 are not issued in Russia, so these can never ring a real subscriber.
function phone(rng: Rng, omsk: boolean): string {
  return omsk
    ? `+7 (3812) 0${rng.int(0, 9)}-${two(rng.int(0, 99))}-${two(rng.int(0, 99))}`
    : `+7 (800) 0${two(rng.int(0, 99))}-${two(rng.int(0, 99))}-${two(rng.int(0, 99))}`;
}

// ---- Project text templates -------------------------------------------------------------------------------

const naFormats: readonly Text[] = [
  { ru: 'Экскурсия', en: 'Tour' },
  { ru: 'Промышленный тур', en: 'Industrial tour' },
  { ru: 'Инженерная экскурсия', en: 'Engineering tour' },
  { ru: 'Семейная экскурсия', en: 'Family tour' },
  { ru: 'Вечерняя экскурсия', en: 'Evening tour' },
  { ru: 'Профориентационный тур', en: 'Career-guidance tour' },
  { ru: 'Фототур', en: 'Photo tour' },
];

const quotedFormats: readonly Text[] = [
  { ru: 'Квест', en: 'Quest' },
  { ru: 'Мастер-класс', en: 'Workshop' },
  { ru: 'Интерактивная экскурсия', en: 'Interactive tour' },
  { ru: 'Промышленный тур', en: 'Industrial tour' },
  { ru: 'Лекция-экскурсия', en: 'Lecture tour' },
];

const durations: readonly Text[] = [
  { ru: 'час', en: 'an hour' },
  { ru: 'полтора часа', en: 'an hour and a half' },
  { ru: 'два часа', en: 'two hours' },
];

const extras: readonly (Text & { forChildren?: boolean })[] = [
  {
    ru: 'Экскурсию ведут инженеры и технологи предприятия, в конце — ответы на вопросы и сувенир.',
    en: 'Tours are led by the company’s engineers and technologists and end with questions and a souvenir.',
  },
  { ru: 'На производстве гостям выдают каски, защитные очки и наушники.', en: 'Helmets, goggles and ear protection are provided on site.' },
  { ru: 'Для школьных групп есть программа с заданиями и рабочей тетрадью.', en: 'School groups get a programme with tasks and a workbook.', forChildren: true },
  { ru: 'Объём группы ограничен, чтобы гости не мешали работе цехов.', en: 'Group size is limited so that visitors do not disturb production.' },
];

const demoNote: Text = {
  ru: 'Демонстрационный проект: предприятие и программа вымышлены.',
  en: 'Demo project: the enterprise and the programme are fictional.',
};

const visitDays: readonly Text[] = [
  { ru: 'Вт–сб', en: 'Tue–Sat' },
  { ru: 'Пн–пт', en: 'Mon–Fri' },
  { ru: 'Ср, пт и сб', en: 'Wed, Fri and Sat' },
  { ru: 'По субботам', en: 'Saturdays' },
  { ru: 'Ежедневно, кроме понедельника', en: 'Daily except Monday' },
];
const visitHours: readonly Text[] = [
  { ru: '10:00–16:00', en: '10:00–16:00' },
  { ru: 'начало в 11:00 и 14:00', en: 'starting at 11:00 and 14:00' },
  { ru: '09:00–15:00', en: '09:00–15:00' },
  { ru: 'начало в 10:00', en: 'starting at 10:00' },
];
const visitAges: readonly Text[] = [
  { ru: 'Дети с 7 лет — в сопровождении взрослых', en: 'Children aged 7 and over with an adult' },
  { ru: 'С 12 лет', en: 'Aged 12 and over' },
  { ru: 'С 14 лет', en: 'Aged 14 and over' },
];
const adultAge: Text = { ru: 'Только с 18 лет по требованиям безопасности', en: '18 and over only, for safety reasons' };
const visitGroups: readonly Text[] = [
  { ru: 'группы до 15 человек', en: 'groups of up to 15' },
  { ru: 'группы до 25 человек', en: 'groups of up to 25' },
  { ru: 'индивидуальные посетители и группы до 10 человек', en: 'individuals and groups of up to 10' },
];
const visitBooking: readonly Text[] = [
  { ru: 'Запись на сайте проекта не позднее чем за 3 дня.', en: 'Book on the project website at least 3 days ahead.' },
  { ru: 'Бронирование по телефону регионального центра промышленного туризма.', en: 'Book by phone with the regional industrial tourism centre.' },
  { ru: 'Организованные группы записываются через туроператоров, индивидуальные гости — на сайте.', en: 'Organised groups book via tour operators, individual guests on the website.' },
  { ru: 'Запись обязательна, на входе нужен паспорт.', en: 'Booking is compulsory; bring your passport.' },
];

const clusterPrefixes: readonly Text[] = [
  { ru: 'Кооперационный проект', en: 'Cooperation project' },
  { ru: 'Пилотная линия', en: 'Pilot line' },
  { ru: 'Совместная разработка', en: 'Joint development' },
  { ru: 'Импортозамещение', en: 'Import substitution' },
  { ru: 'Опытное производство', en: 'Pilot production' },
  { ru: 'Центр компетенций', en: 'Competence centre' },
];
const clusterStages: readonly Text[] = [
  { ru: 'проектирование и подбор оборудования', en: 'design and equipment selection' },
  { ru: 'выпуск опытной партии', en: 'a pilot batch' },
  { ru: 'испытания у заказчика', en: 'customer trials' },
  { ru: 'запуск серийного производства', en: 'the start of serial production' },
];

// ---- Images ------------------------------------------------------------------------------------------------

const coverMotifs: readonly Motif[] = ['factory', 'gears', 'pipeline', 'refinery', 'energy', 'circuit', 'plane', 'field'];
const coverPalettes = 5;
const routePalettes = 2;
const logoShapes: readonly LogoShape[] = ['hex', 'gear', 'ring', 'triangle', 'diamond', 'wave'];
const logoPalettes = 2;

type StoredImage = { sha256: string; image: DemoImage };

type ImagePool = {
  cover(motif: CoverMotif, variant: number): StoredImage;
  logo(index: number): StoredImage;
  all: readonly StoredImage[];
};

/** A bounded pool (54 images whatever the project count), generated once and shared by every row. */
function buildImagePool(seed: number, media: MediaSink): ImagePool {
  const encoder = new TextEncoder();
  const all: StoredImage[] = [];
  const store = (image: DemoImage): StoredImage => {
    const stored = { sha256: media.put(encoder.encode(image.svg)), image };
    all.push(stored);
    return stored;
  };
  const covers = new Map<CoverMotif, StoredImage[]>();
  const addCovers = (motif: CoverMotif, count: number, paletteOffset: number) => {
    const list: StoredImage[] = [];
    for (let p = 0; p < count; p++) {
      const rng = createRng(deriveSeed(seed, `cover:${motif}:${p}`));
      list.push(store(coverImage(motif, (p + paletteOffset) % palettes.length, rng)));
    }
    covers.set(motif, list);
  };
  coverMotifs.forEach((motif, i) => addCovers(motif, coverPalettes, i));
  addCovers('route', routePalettes, 2);
  const logos: StoredImage[] = [];
  for (let p = 0; p < logoPalettes; p++) {
    logoShapes.forEach((shape, i) => {
      const rng = createRng(deriveSeed(seed, `logo:${shape}:${p}`));
      logos.push(store(logoImage(shape, i + p * 3, rng)));
    });
  }
  return {
    cover(motif, variant) {
      const list = covers.get(motif) ?? [];
      const found = list[((variant % list.length) + list.length) % list.length];
      if (!found) throw new Error(`No cover for ${motif}`);
      return found;
    },
    logo(index) {
      return logos[index % logos.length] as StoredImage;
    },
    all,
  };
}

// ---- Generation ----------------------------------------------------------------------------------------------

function industriesOf(region: RegionSeed): Text {
  const list = region.types.map((t) => enterpriseType(t).industry);
  return { ru: list.map((t) => t.ru).join(', '), en: list.map((t) => t.en).join(', ') };
}

function regionSummary(region: RegionSeed): Text {
  const industries = industriesOf(region);
  const lead = region.centre
    ? { ru: `Административный центр — ${region.centre.ru}.`, en: `Administrative centre: ${region.centre.en}.` }
    : { ru: 'Город федерального значения.', en: 'Federal city.' };
  const tail = region.participating ? { ru: '', en: '' } : { ru: ' В этом году регион не представлен на выставке.', en: ' Not exhibiting this year.' };
  return {
    ru: `${lead.ru} Ключевые отрасли: ${industries.ru}.${tail.ru}`,
    en: `${lead.en} Key industries: ${industries.en}.${tail.en}`,
  };
}

function placeName(region: RegionSeed): Text {
  return region.centre ?? region.name;
}

function localIso(day: string, time: string): string {
  return `${day}T${time}:00${forumOffset}`;
}

export function loadDemoContent(db: Db, media: MediaSink, options: DemoOptions = {}): DemoSummary {
  const seed = options.seed ?? defaultDemoSeed;
  const projectCount = options.projects ?? defaultDemoProjects;
  if (!Number.isInteger(seed)) throw new Error(`Demo seed must be an integer, got ${seed}`);
  if (!Number.isInteger(projectCount) || projectCount < 0) throw new Error(`Demo project count must be a non-negative integer, got ${projectCount}`);

  const existing = db.prepare('SELECT (SELECT count(*) FROM regions) + (SELECT count(*) FROM projects) + (SELECT count(*) FROM forum) AS n').get() as { n: number };
  if (existing.n > 0) throw new Error('Demo content can only be loaded into an empty catalog');

  let summary: DemoSummary | undefined;
  db.transaction(() => {
    summary = generate(db, media, seed, projectCount);
  })();
  if (!summary) throw new Error('Demo generation did not run');
  return summary;
}

function generate(db: Db, media: MediaSink, seed: number, projectCount: number): DemoSummary {
  const pool = buildImagePool(seed, media);
  const insertMedia = db.prepare(
    'INSERT OR IGNORE INTO media (sha256, mime, bytes, width, height, alt_ru, alt_en) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const encoder = new TextEncoder();
  for (const { sha256, image } of pool.all) {
    insertMedia.run(sha256, 'image/svg+xml', encoder.encode(image.svg).byteLength, image.width, image.height, image.alt.ru, image.alt.en);
  }

  db.prepare(
    `INSERT INTO forum (id, name_ru, name_en, venue_ru, venue_en, starts_on, ends_on, timezone, is_demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  ).run(
    demoForumId,
    'Дни промышленности Омской области',
    'Industry Days in the Omsk Region',
    'Конгресс-холл, Омск',
    'Congress Hall, Omsk',
    forumDays[0],
    forumDays[1],
    'Asia/Omsk',
  );

  const insertTag = db.prepare('INSERT INTO tags (id, name_ru, name_en) VALUES (?, ?, ?)');
  for (const tag of tags) insertTag.run(tag.id, tag.name.ru, tag.name.en);

  const insertRegion = db.prepare(
    `INSERT INTO regions (id, iso_code, name_ru, name_en, district_ru, district_en, summary_ru, summary_en, tile_col, tile_row, participating)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const region of regions) {
    const district = districts[region.district];
    const summary = regionSummary(region);
    insertRegion.run(
      region.id, region.iso, region.name.ru, region.name.en, district.ru, district.en,
      summary.ru, summary.en, region.col, region.row, region.participating ? 1 : 0,
    );
  }

  const insertZone = db.prepare('INSERT INTO hall_zones (id, name_ru, name_en, x, y, width, height) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const zone of zones) insertZone.run(zone.id, zone.name.ru, zone.name.en, zone.x, zone.y, zone.width, zone.height);

  // Exhibitors: one regional team per participating region, plus the host region's enterprises.
  const people = createRng(deriveSeed(seed, 'people'));
  const allocate = boothAllocator();
  const insertExhibitor = db.prepare(
    `INSERT INTO exhibitors (id, region_id, name_ru, name_en, about_ru, about_en, booth, zone_id, booth_x, booth_y, booth_width, booth_height,
       contact_name_ru, contact_name_en, phone, email, website, logo_sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const boothOf = new Map<string, string>();
  let exhibitorCount = 0;
  const addExhibitor = (id: string, regionId: string, name: Text, about: Text, zoneId: string) => {
    const place = allocate(zoneId);
    const contact = contactName(people);
    insertExhibitor.run(
      id, regionId, name.ru, name.en, about.ru, about.en, place.number, place.zoneId, place.x, place.y, place.width, place.height,
      contact.ru, contact.en, phone(people, regionId === 'omsk'), `${id}@example.com`, `https://${id}.example.com`,
      pool.logo(exhibitorCount).sha256,
    );
    boothOf.set(id, place.number);
    exhibitorCount++;
  };

  addExhibitor(omskRegionTeam.id, 'omsk', omskRegionTeam.name, omskRegionTeam.about, 'omsk');
  for (const enterprise of omskEnterprises) {
    addExhibitor(
      enterprise.id,
      'omsk',
      enterprise.name,
      { ru: `${enterprise.about.ru} Демонстрационные данные.`, en: `${enterprise.about.en} Demo data.` },
      enterprise.zone === 'omsk' ? 'omsk' : 'tourism',
    );
  }
  const participating = regions.filter((r) => r.participating);
  const teamOf = new Map<string, string>([['omsk', omskRegionTeam.id]]);
  for (const region of participating) {
    if (region.id === 'omsk') continue;
    const id = `${region.id}-team`;
    const industries = industriesOf(region);
    addExhibitor(
      id,
      region.id,
      { ru: `${region.name.ru} — команда региона`, en: `${region.name.en} — regional team` },
      {
        ru: `Команда региона представляет проекты промышленного туризма. Отрасли: ${industries.ru}. Контакты демонстрационные.`,
        en: `The regional team presents industrial tourism projects. Industries: ${industries.en}. Demo contact details.`,
      },
      zoneOfDistrict[region.district],
    );
    teamOf.set(region.id, id);
  }

  // Clusters of the Omsk Region.
  const insertCluster = db.prepare('INSERT INTO clusters (id, region_id, name_ru, name_en, about_ru, about_en, cover_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertMember = db.prepare(
    'INSERT INTO cluster_members (id, cluster_id, position, name_ru, name_en, role_ru, role_en, exhibitor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  clusters.forEach((cluster, i) => {
    insertCluster.run(cluster.id, 'omsk', cluster.name.ru, cluster.name.en, cluster.about.ru, cluster.about.en, pool.cover(cluster.motif, i).sha256);
    cluster.members.forEach((member, m) => {
      insertMember.run(`${cluster.id}-${m + 1}`, cluster.id, m + 1, member.name.ru, member.name.en, member.role.ru, member.role.en, member.exhibitor ?? null);
    });
  });

  // The route.
  db.prepare('INSERT INTO routes (id, name_ru, name_en, about_ru, about_en, link_url, cover_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    route.id, route.name.ru, route.name.en, route.about.ru, route.about.en, route.linkUrl, pool.cover('route', 0).sha256,
  );
  const insertStop = db.prepare(
    `INSERT INTO route_stops (id, route_id, position, enterprise_ru, enterprise_en, title_ru, title_en, about_ru, about_en,
       visiting_ru, visiting_en, booking_ru, booking_en, address_ru, address_en, duration_min, latitude, longitude, region_id, cover_sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  routeStops.forEach((stop, i) => {
    const enterprise = omskEnterprises.find((e) => e.id === stop.enterprise);
    if (!enterprise) throw new Error(`Route stop at unknown enterprise ${stop.enterprise}`);
    insertStop.run(
      `${route.id}-${i + 1}`, route.id, i + 1, enterprise.name.ru, enterprise.name.en, stop.title.ru, stop.title.en,
      stop.about.ru, stop.about.en, stop.visiting.ru, stop.visiting.en, stop.booking.ru, stop.booking.en,
      stop.address.ru, stop.address.en, stop.durationMin, stop.latitude, stop.longitude, 'omsk', pool.cover(stop.motif, i + 1).sha256,
    );
  });

  // The programme.
  const insertSession = db.prepare(
    `INSERT INTO programme_sessions (id, kind, starts_at, ends_at, starts_utc, ends_utc, title_ru, title_en, about_ru, about_en, place_ru, place_en)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const session of sessions) {
    const day = forumDays[session.day - 1] as string;
    const startsAt = localIso(day, session.start);
    const endsAt = localIso(day, session.end);
    insertSession.run(
      session.id, session.kind, startsAt, endsAt, Date.parse(startsAt), Date.parse(endsAt),
      session.title.ru, session.title.en, session.about.ru, session.about.en, session.place.ru, session.place.en,
    );
  }

  const projects = insertProjects(db, pool, seed, projectCount, participating, teamOf, boothOf);

  // Exhibitors' own lines: hours at the booth and "today at our booth" (exhibitors change these during the forum).
  const todayLines: readonly Text[] = [
    { ru: 'Презентация маршрута в 12:00 у стенда', en: 'Route presentation at 12:00 at the booth' },
    { ru: 'Запись на экскурсии на предприятие', en: 'Sign up for factory tours here' },
    { ru: 'Встреча с инвесторами в 15:00', en: 'Investor meeting at 15:00' },
    { ru: 'Дегустация продукции региона весь день', en: 'Tasting of regional produce all day' },
  ];
  const exhibitorIds = db.prepare('SELECT id FROM exhibitors ORDER BY id').pluck().all() as string[];
  const setLines = db.prepare('UPDATE exhibitors SET hours_ru = ?, hours_en = ?, today_ru = ?, today_en = ? WHERE id = ?');
  exhibitorIds.forEach((id, i) => {
    const today = todayLines[i % todayLines.length] as Text;
    setLines.run('10:00–18:00, 4 декабря до 16:00', '10:00–18:00, 4 December until 16:00', today.ru, today.en, id);
  });

  // Demo exhibitor logins (db/demo/pins.ts): verifiers only, as a hub would sync them.
  const insertPin = db.prepare('INSERT INTO exhibitor_pins (exhibitor_id, verify_salt, verifier, sign_salt, kdf) VALUES (?, ?, ?, ?, ?)');
  for (const pin of demoPins) insertPin.run(pin.exhibitorId, pin.verifySalt, pin.verifier, pin.signSalt, JSON.stringify(demoPinKdf));
  db.prepare('INSERT INTO staff_pins (staff_id, name, verify_salt, verifier, kdf) VALUES (?, ?, ?, ?, ?)').run(
    demoStaff.staffId,
    demoStaff.name,
    demoStaff.verifySalt,
    demoStaff.verifier,
    JSON.stringify(demoPinKdf),
  );

  const setting = db.prepare('INSERT OR REPLACE INTO kiosk_settings (key, value) VALUES (?, ?)');
  setting.run('catalog.updated_at', demoUpdatedAt);
  // A kiosk's position is its own setting: only fill it in where staff have not placed this kiosk yet.
  db.prepare('INSERT OR IGNORE INTO kiosk_settings (key, value) VALUES (?, ?), (?, ?)').run(
    'kiosk.position.x',
    String(demoKioskPosition.x),
    'kiosk.position.y',
    String(demoKioskPosition.y),
  );

  return {
    regions: regions.length,
    participatingRegions: participating.length,
    exhibitors: exhibitorCount,
    projects,
    clusters: clusters.length,
    routeStops: routeStops.length,
    sessions: sessions.length,
    media: (db.prepare('SELECT count(*) AS n FROM media').get() as { n: number }).n,
  };
}

type ProjectRow = {
  kind: 'tourism' | 'cluster';
  regionId: string;
  exhibitorId: string;
  clusterId: string | null;
  title: Text;
  summary: Text;
  description: Text;
  visiting: Text;
  linkUrl: string;
  cover: StoredImage;
  gallery: StoredImage[];
  tags: TagId[];
};

function join(sentences: readonly Text[]): Text {
  return { ru: sentences.map((s) => s.ru).join(' '), en: sentences.map((s) => s.en).join(' ') };
}

function gallery(rng: Rng, pool: ImagePool, motif: CoverMotif, cover: StoredImage, max: number): StoredImage[] {
  const size = rng.int(1, max);
  const candidates: StoredImage[] = [];
  for (let v = 0; v < coverPalettes; v++) candidates.push(pool.cover(motif, v));
  candidates.push(pool.cover(rng.pick(coverMotifs), rng.int(0, coverPalettes - 1)));
  const unique = [...new Map(candidates.filter((c) => c.sha256 !== cover.sha256).map((c) => [c.sha256, c])).values()];
  return [cover, ...rng.sample(unique, size - 1)];
}

function tourismProject(rng: Rng, pool: ImagePool, id: string, region: RegionSeed, teamOf: Map<string, string>): ProjectRow {
  let exhibitorId: string;
  let type: EnterpriseType;
  if (region.id === 'omsk') {
    // The host region's tours are run by its own enterprises rather than by the regional team.
    const enterprise = rng.pick(omskEnterprises);
    exhibitorId = enterprise.id;
    type = enterpriseType(rng.pick(enterprise.types));
  } else {
    exhibitorId = teamOf.get(region.id) ?? '';
    type = enterpriseType(rng.pick(region.types));
  }
  if (!exhibitorId) throw new Error(`Region ${region.id} has no exhibitor`);

  // Decided first so that a tour closed to children is never billed as a family outing.
  const adultsOnly = rng.chance(0.15);
  const theme = rng.pick(type.themes);
  const pattern = rng.next();
  let title: Text;
  const projectTags: TagId[] = [...type.tags, 'industrial-tourism'];
  if (pattern < 0.45) {
    const format = rng.pick(adultsOnly ? naFormats.filter((f) => f.en !== 'Family tour') : naFormats);
    title = { ru: `${format.ru} ${type.to}: ${theme.ru}`, en: `${format.en} of the ${type.en}: ${theme.en}` };
  } else if (pattern < 0.8) {
    const format = rng.pick(quotedFormats);
    title = { ru: `${format.ru} «${capitalize(theme.ru)}»`, en: `${format.en} “${capitalize(theme.en)}”` };
  } else if (pattern < 0.9) {
    title = { ru: `Музей ${type.gen}`, en: `Museum of the ${type.en}` };
    projectTags.push('enterprise-museums');
  } else {
    title = type.open ?? { ru: `Открытые цеха ${type.gen}`, en: `Open shop floors of the ${type.en}` };
  }
  if (rng.chance(0.5)) {
    const place = placeName(region);
    title = { ru: `${title.ru} — ${place.ru}`, en: `${title.en} — ${place.en}` };
  }

  const summaryKind = rng.int(0, 2);
  const summary: Text =
    summaryKind === 0
      ? (() => {
          const walk = type.walk ?? { ru: `по цехам ${type.gen}`, en: `the shops of the ${type.en}` };
          return { ru: `Гости пройдут ${walk.ru} и увидят ${type.see.ru}.`, en: `Visitors walk through ${walk.en} and see ${type.see.en}.` };
        })()
      : summaryKind === 1
        ? (() => {
            const d = rng.pick(durations);
            return { ru: `За ${d.ru} гости увидят ${type.see.ru}.`, en: `In ${d.en} visitors see ${type.see.en}.` };
          })()
        : adultsOnly
          ? { ru: `Маршрут для взрослых: гости увидят ${type.see.ru}.`, en: `A route for adults: visitors see ${type.see.en}.` }
          : { ru: `Маршрут для всей семьи: гости увидят ${type.see.ru}.`, en: `A route for the whole family: visitors see ${type.see.en}.` };

  const description = join([type.story, ...rng.sample(adultsOnly ? extras.filter((e) => !e.forChildren) : extras, rng.int(1, 2)), demoNote]);
  const days = rng.pick(visitDays);
  const hours = rng.pick(visitHours);
  const age = adultsOnly ? adultAge : rng.pick(visitAges);
  const group = rng.pick(visitGroups);
  const booking = rng.pick(visitBooking);
  const visiting: Text = {
    ru: `${days.ru}, ${hours.ru}. ${age.ru}; ${group.ru}. ${booking.ru}`,
    en: `${days.en}, ${hours.en}. ${age.en}; ${group.en}. ${booking.en}`,
  };

  const cover = pool.cover(type.motif, rng.int(0, coverPalettes - 1));
  return {
    kind: 'tourism',
    regionId: region.id,
    exhibitorId,
    clusterId: null,
    title,
    summary,
    description,
    visiting,
    linkUrl: `https://tours.example.com/${region.id}/${id}`,
    cover,
    gallery: gallery(rng, pool, type.motif, cover, 4),
    tags: [...new Set(projectTags)].slice(0, 4),
  };
}

function clusterProject(rng: Rng, pool: ImagePool, id: string, clusterIndex: number, boothOf: Map<string, string>): ProjectRow {
  const cluster = clusters[clusterIndex % clusters.length];
  const anchorId = cluster?.members[0]?.exhibitor;
  if (!cluster || !anchorId) throw new Error('Every cluster needs an anchor exhibitor');
  const prefix = rng.pick(clusterPrefixes);
  const subject = rng.pick(cluster.subjects);
  const stage = rng.pick(clusterStages);
  const boothNumber = boothOf.get(anchorId) ?? '';
  const cover = pool.cover(cluster.motif, rng.int(0, coverPalettes - 1));
  const extraTag: TagId[] = rng.chance(0.3) ? ['industrial-tourism'] : [];
  return {
    kind: 'cluster',
    regionId: 'omsk',
    exhibitorId: anchorId,
    clusterId: cluster.id,
    title: { ru: `${prefix.ru}: ${subject.ru}`, en: `${prefix.en}: ${subject.en}` },
    summary: { ru: `Совместный проект участников кластера: ${subject.ru}.`, en: `A joint project of the cluster members: ${subject.en}.` },
    description: join([
      {
        ru: 'Проект объединяет якорное предприятие, поставщиков и научных партнёров кластера.',
        en: 'The project brings together the cluster’s anchor enterprise, suppliers and research partners.',
      },
      { ru: `Текущий этап — ${stage.ru}.`, en: `Current stage: ${stage.en}.` },
      { ru: 'Объём инвестиций и сроки в демонстрационных данных условны.', en: 'Investment volume and timing in the demo data are illustrative.' },
    ]),
    visiting: {
      ru: `Проект представлен на стенде ${boothNumber}. Посещение площадки — по запросу на стенде, с 18 лет, по будням с 10:00 до 16:00.`,
      en: `Presented at stand ${boothNumber}. Site visits on request at the stand, 18 and over, weekdays 10:00–16:00.`,
    },
    linkUrl: `https://clusters.example.com/${cluster.id}/${id}`,
    cover,
    gallery: gallery(rng, pool, cluster.motif, cover, 3),
    tags: [...new Set<TagId>([...cluster.tags, ...extraTag])].slice(0, 4),
  };
}

function insertProjects(
  db: Db,
  pool: ImagePool,
  seed: number,
  count: number,
  participating: readonly RegionSeed[],
  teamOf: Map<string, string>,
  boothOf: Map<string, string>,
): number {
  const rng = createRng(deriveSeed(seed, 'projects'));
  // About 15 % cluster projects (at least one per cluster), but never at the cost of a region without projects.
  const clusterCount = Math.min(Math.max(clusters.length, Math.round(count * 0.15)), Math.max(0, count - participating.length));
  const tourismCount = count - clusterCount;
  // The host region gets more projects than any guest region.
  const weighted: RegionSeed[] = participating.flatMap((r) => (r.id === 'omsk' ? Array<RegionSeed>(8).fill(r) : [r]));

  const featured = new Set<number>([
    ...rng.sample(Array.from({ length: tourismCount }, (_, i) => i), 10),
    ...rng.sample(Array.from({ length: clusterCount }, (_, i) => tourismCount + i), 2),
  ]);

  const insertProject = db.prepare(
    `INSERT INTO projects (id, kind, region_id, exhibitor_id, cluster_id, title_ru, title_en, summary_ru, summary_en,
       description_ru, description_en, visiting_ru, visiting_en, link_url, cover_sha256, featured)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare('INSERT INTO project_tags (project_id, tag_id) VALUES (?, ?)');
  const insertMedia = db.prepare('INSERT INTO project_media (project_id, sha256, position, caption_ru, caption_en) VALUES (?, ?, ?, ?, ?)');

  for (let i = 0; i < count; i++) {
    const id = `p-${String(i + 1).padStart(5, '0')}`;
    const row =
      i < tourismCount
        ? tourismProject(rng, pool, id, i < participating.length ? (participating[i] as RegionSeed) : rng.pick(weighted), teamOf)
        : clusterProject(rng, pool, id, i - tourismCount, boothOf);
    insertProject.run(
      id, row.kind, row.regionId, row.exhibitorId, row.clusterId, row.title.ru, row.title.en, row.summary.ru, row.summary.en,
      row.description.ru, row.description.en, row.visiting.ru, row.visiting.en, row.linkUrl, row.cover.sha256, featured.has(i) ? 1 : 0,
    );
    for (const tag of row.tags) insertTag.run(id, tag);
    row.gallery.forEach((image, p) => {
      insertMedia.run(id, image.sha256, p + 1, image.image.caption.ru, image.image.caption.en);
    });
  }
  return count;
}
