// The forum programme for the demo: two days in the Congress Hall, local time Asia/Omsk (UTC+06:00).
import type { Text } from './industries';

export type SessionKind = 'plenary' | 'presentation' | 'awards' | 'signing' | 'panel' | 'excursion' | 'other';

export type SessionSeed = {
  id: string;
  kind: SessionKind;
  day: 1 | 2;
  /** Local HH:MM. */
  start: string;
  end: string;
  title: Text;
  about: Text;
  place: Text;
};

export const forumDays = ['2026-12-03', '2026-12-04'] as const;
export const forumOffset = '+06:00';

const mainHall: Text = { ru: 'Большой зал', en: 'Main Hall' };
const irtyshHall: Text = { ru: 'Зал «Иртыш»', en: 'Irtysh Hall' };
const omHall: Text = { ru: 'Зал «Омь»', en: 'Om Hall' };
const exhibitionHall: Text = { ru: 'Выставочный зал', en: 'Exhibition Hall' };
const foyer: Text = { ru: 'Фойе, 1-й этаж', en: 'Foyer, ground floor' };
const pressCentre: Text = { ru: 'Пресс-центр', en: 'Press Centre' };
const busStop: Text = { ru: 'Отправление от главного входа Конгресс-холла', en: 'Departure from the Congress Hall main entrance' };

function presentation(id: string, day: 1 | 2, start: string, end: string, regions: Text): SessionSeed {
  return {
    id,
    kind: 'presentation',
    day,
    start,
    end,
    title: { ru: `Регионы представляют проекты: ${regions.ru}`, en: `Regions present their projects: ${regions.en}` },
    about: {
      ru: 'Команды регионов за семь минут рассказывают о лучших проектах промышленного туризма и отвечают на вопросы зала.',
      en: 'Regional teams have seven minutes each to present their best industrial tourism projects and take questions.',
    },
    place: day === 1 ? omHall : irtyshHall,
  };
}

export const sessions: readonly SessionSeed[] = [
  {
    id: 'd1-registration',
    kind: 'other',
    day: 1,
    start: '09:00',
    end: '10:00',
    title: { ru: 'Регистрация участников и приветственный кофе', en: 'Registration and welcome coffee' },
    about: { ru: 'Бейджи выдают на стойках регистрации у главного входа.', en: 'Badges are issued at the registration desks by the main entrance.' },
    place: foyer,
  },
  {
    id: 'd1-plenary',
    kind: 'plenary',
    day: 1,
    start: '10:00',
    end: '12:00',
    title: { ru: 'Пленарное заседание «Промышленный туризм. Сегодня и завтра…»', en: 'Plenary session “Industrial tourism. Today and tomorrow…”' },
    about: {
      ru: 'Как предприятия открывают двери для гостей, что меняется в безопасности и сервисе и каким будет промышленный туризм через пять лет.',
      en: 'How enterprises open their doors to visitors, what is changing in safety and service, and what industrial tourism will look like in five years.',
    },
    place: mainHall,
  },
  {
    id: 'd1-exhibition-opening',
    kind: 'other',
    day: 1,
    start: '12:00',
    end: '12:45',
    title: { ru: 'Открытие выставки и обход стендов', en: 'Exhibition opening and stand tour' },
    about: { ru: 'Почётные гости проходят по стендам регионов и кластеров Омской области.', en: 'Guests of honour visit the stands of the regions and the Omsk clusters.' },
    place: exhibitionHall,
  },
  presentation('d1-regions-siberia', 1, '13:30', '15:00', { ru: 'Сибирь и Дальний Восток', en: 'Siberia and the Far East' }),
  {
    id: 'd1-panel-museums',
    kind: 'panel',
    day: 1,
    start: '13:30',
    end: '15:00',
    title: { ru: 'Музеи предприятий: как история завода становится туристическим продуктом', en: 'Enterprise museums: turning a factory’s history into a visitor attraction' },
    about: { ru: 'Кураторы заводских музеев и туроператоры об экспозициях, экскурсоводах и билетах.', en: 'Factory museum curators and tour operators on exhibitions, guides and ticketing.' },
    place: irtyshHall,
  },
  presentation('d1-regions-centre', 1, '15:15', '16:45', { ru: 'Центр и Северо-Запад', en: 'Central and Northwestern Russia' }),
  {
    id: 'd1-panel-careers',
    kind: 'panel',
    day: 1,
    start: '15:15',
    end: '16:30',
    title: { ru: 'Экскурсия как профориентация: кадры для промышленности', en: 'Tours as career guidance: people for industry' },
    about: { ru: 'Школы, колледжи и заводы о том, как экскурсия помогает выбрать профессию.', en: 'Schools, colleges and plants on how a factory tour helps young people choose a career.' },
    place: irtyshHall,
  },
  presentation('d1-regions-volga-urals', 1, '17:00', '18:15', { ru: 'Поволжье и Урал', en: 'the Volga and the Urals' }),
  {
    id: 'd1-open-industry-awards',
    kind: 'awards',
    day: 1,
    start: '18:30',
    end: '19:30',
    title: { ru: 'Итоги и награждение победителей конкурса «Открытая промышленность»', en: 'Results and awards of the “Open Industry” competition' },
    about: { ru: 'Награды лучшим проектам промышленного туризма в пяти номинациях.', en: 'Awards for the best industrial tourism projects in five categories.' },
    place: mainHall,
  },
  {
    id: 'd2-excursion-morning',
    kind: 'excursion',
    day: 2,
    start: '09:00',
    end: '13:00',
    title: { ru: 'Экскурсия по маршруту «Индустриальная Сибирь – величие России»: музей, кондитерская фабрика, молочный завод', en: 'Tour along “Industrial Siberia – the greatness of Russia”: museum, confectionery, dairy' },
    about: { ru: 'Автобусная экскурсия по первым трём остановкам маршрута. Места ограничены, запись на стенде Омской области.', en: 'A bus tour of the first three stops of the route. Places are limited; sign up at the Omsk Region stand.' },
    place: busStop,
  },
  presentation('d2-regions-south', 2, '10:00', '11:30', { ru: 'Юг и Северный Кавказ', en: 'Southern Russia and the North Caucasus' }),
  {
    id: 'd2-panel-digital',
    kind: 'panel',
    day: 2,
    start: '10:00',
    end: '11:30',
    title: { ru: 'Цифровые сервисы для промышленного туризма', en: 'Digital services for industrial tourism' },
    about: { ru: 'Онлайн-запись, электронные пропуска и виртуальные экскурсии по цехам.', en: 'Online booking, electronic passes and virtual tours of the shop floor.' },
    place: omHall,
  },
  {
    id: 'd2-omsk-clusters',
    kind: 'presentation',
    day: 2,
    start: '11:45',
    end: '13:00',
    title: { ru: 'Омская область: десять кластеров — десять историй', en: 'Omsk Region: ten clusters, ten stories' },
    about: { ru: 'Руководители кластеров Омской области представляют совместные проекты.', en: 'The heads of the Omsk clusters present their joint projects.' },
    place: irtyshHall,
  },
  {
    id: 'd2-panel-clusters',
    kind: 'panel',
    day: 2,
    start: '11:45',
    end: '13:00',
    title: { ru: 'Кластерная кооперация: от поставщика до экспорта', en: 'Cluster cooperation: from supplier to exports' },
    about: { ru: 'Как малые предприятия встраиваются в цепочки крупных заводов.', en: 'How small companies join the supply chains of large plants.' },
    place: omHall,
  },
  {
    id: 'd2-press',
    kind: 'other',
    day: 2,
    start: '13:15',
    end: '13:45',
    title: { ru: 'Пресс-подход организаторов форума', en: 'Press briefing by the forum organisers' },
    about: { ru: 'Для аккредитованных журналистов.', en: 'For accredited journalists.' },
    place: pressCentre,
  },
  {
    id: 'd2-procluster-awards',
    kind: 'awards',
    day: 2,
    start: '14:00',
    end: '15:15',
    title: { ru: 'Подведение итогов конкурса «ПРОКЛАСТЕР»', en: 'Results of the “PROCLUSTER” competition' },
    about: { ru: 'Объявление лучших кластерных проектов года и вручение дипломов.', en: 'The year’s best cluster projects are announced and diplomas presented.' },
    place: mainHall,
  },
  {
    id: 'd2-excursion-afternoon',
    kind: 'excursion',
    day: 2,
    start: '14:00',
    end: '18:00',
    title: { ru: 'Экскурсия по маршруту «Индустриальная Сибирь – величие России»: приборостроение, машиностроение, шинный завод', en: 'Tour along “Industrial Siberia – the greatness of Russia”: instruments, engineering, tyres' },
    about: { ru: 'Вторая часть маршрута; участникам старше 14 лет нужен паспорт.', en: 'The second part of the route; participants aged 14 and over need a passport.' },
    place: busStop,
  },
  {
    id: 'd2-signing',
    kind: 'signing',
    day: 2,
    start: '15:30',
    end: '16:30',
    title: { ru: 'Церемония подписания соглашений о сотрудничестве', en: 'Signing ceremony for cooperation agreements' },
    about: { ru: 'Регионы, кластеры и туроператоры подписывают соглашения о совместных маршрутах.', en: 'Regions, clusters and tour operators sign agreements on joint routes.' },
    place: mainHall,
  },
  {
    id: 'd2-closing',
    kind: 'other',
    day: 2,
    start: '16:45',
    end: '17:15',
    title: { ru: 'Закрытие форума', en: 'Forum closing' },
    about: { ru: 'Итоги двух дней и приглашение на форум следующего года.', en: 'A summary of the two days and an invitation to next year’s forum.' },
    place: mainHall,
  },
];
