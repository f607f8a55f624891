// The federal subjects of Russia that have an ISO 3166-2:RU code, with a hand-made tile map:
// one cell per region on a 20 × 11 grid, west on the left, north on top. Row 4 roughly follows the
// 55th parallel (Moscow, Kazan, Chelyabinsk, Omsk, Novosibirsk), so neighbours stay recognisable.
import type { EnterpriseTypeId, Text } from './industries';

export type DistrictId = 'cfo' | 'szfo' | 'yufo' | 'skfo' | 'pfo' | 'ufo' | 'sfo' | 'dfo';

export const districts: Record<DistrictId, Text> = {
  cfo: { ru: 'Центральный федеральный округ', en: 'Central Federal District' },
  szfo: { ru: 'Северо-Западный федеральный округ', en: 'Northwestern Federal District' },
  yufo: { ru: 'Южный федеральный округ', en: 'Southern Federal District' },
  skfo: { ru: 'Северо-Кавказский федеральный округ', en: 'North Caucasian Federal District' },
  pfo: { ru: 'Приволжский федеральный округ', en: 'Volga Federal District' },
  ufo: { ru: 'Уральский федеральный округ', en: 'Ural Federal District' },
  sfo: { ru: 'Сибирский федеральный округ', en: 'Siberian Federal District' },
  dfo: { ru: 'Дальневосточный федеральный округ', en: 'Far Eastern Federal District' },
};

export type RegionSeed = {
  id: string;
  iso: string;
  name: Text;
  district: DistrictId;
  col: number;
  row: number;
  /** Administrative centre; null for the federal cities. */
  centre: Text | null;
  /** Enterprise types the region's demo projects are drawn from (its best-known industries first). */
  types: readonly EnterpriseTypeId[];
  participating: boolean;
};

type Row = [
  id: string,
  iso: string,
  ru: string,
  en: string,
  district: DistrictId,
  col: number,
  row: number,
  centreRu: string | null,
  centreEn: string | null,
  types: EnterpriseTypeId[],
];

// Regions that are on the map but have no stand this year (demo choice, says nothing about the real forum).
const notParticipating = new Set([
  'nenets', 'chukotka', 'magadan', 'jewish-ao', 'ingushetia', 'chechnya', 'karachay-cherkessia', 'adygea',
  'kalmykia', 'tuva', 'altai-republic', 'pskov', 'kurgan', 'mari-el', 'north-ossetia',
]);

const rows: Row[] = [
  // Central
  ['belgorod', 'RU-BEL', 'Белгородская область', 'Belgorod Oblast', 'cfo', 4, 7, 'Белгород', 'Belgorod', ['agro', 'mine', 'metal']],
  ['bryansk', 'RU-BRY', 'Брянская область', 'Bryansk Oblast', 'cfo', 1, 5, 'Брянск', 'Bryansk', ['machine', 'agro']],
  ['vladimir', 'RU-VLA', 'Владимирская область', 'Vladimir Oblast', 'cfo', 4, 4, 'Владимир', 'Vladimir', ['glass', 'machine']],
  ['voronezh', 'RU-VOR', 'Воронежская область', 'Voronezh Oblast', 'cfo', 5, 7, 'Воронеж', 'Voronezh', ['aircraft', 'agro']],
  ['ivanovo', 'RU-IVA', 'Ивановская область', 'Ivanovo Oblast', 'cfo', 5, 3, 'Иваново', 'Ivanovo', ['textile']],
  ['kaluga', 'RU-KLU', 'Калужская область', 'Kaluga Oblast', 'cfo', 2, 5, 'Калуга', 'Kaluga', ['machine', 'pharma']],
  ['kostroma', 'RU-KOS', 'Костромская область', 'Kostroma Oblast', 'cfo', 5, 2, 'Кострома', 'Kostroma', ['wood', 'dairy']],
  ['kursk', 'RU-KRS', 'Курская область', 'Kursk Oblast', 'cfo', 3, 7, 'Курск', 'Kursk', ['mine', 'sweets']],
  ['lipetsk', 'RU-LIP', 'Липецкая область', 'Lipetsk Oblast', 'cfo', 4, 6, 'Липецк', 'Lipetsk', ['metal', 'agro']],
  ['moscow', 'RU-MOW', 'Москва', 'Moscow', 'cfo', 3, 5, null, null, ['tech', 'machine', 'sweets']],
  ['moscow-oblast', 'RU-MOS', 'Московская область', 'Moscow Oblast', 'cfo', 3, 4, 'Красногорск', 'Krasnogorsk', ['aircraft', 'machine', 'glass']],
  ['oryol', 'RU-ORL', 'Орловская область', 'Oryol Oblast', 'cfo', 2, 6, 'Орёл', 'Oryol', ['machine', 'agro']],
  ['ryazan', 'RU-RYA', 'Рязанская область', 'Ryazan Oblast', 'cfo', 4, 5, 'Рязань', 'Ryazan', ['petrochem', 'instruments']],
  ['smolensk', 'RU-SMO', 'Смоленская область', 'Smolensk Oblast', 'cfo', 2, 4, 'Смоленск', 'Smolensk', ['instruments', 'textile']],
  ['tambov', 'RU-TAM', 'Тамбовская область', 'Tambov Oblast', 'cfo', 5, 6, 'Тамбов', 'Tambov', ['agro', 'sweets']],
  ['tver', 'RU-TVE', 'Тверская область', 'Tver Oblast', 'cfo', 3, 3, 'Тверь', 'Tver', ['machine', 'glass']],
  ['tula', 'RU-TUL', 'Тульская область', 'Tula Oblast', 'cfo', 3, 6, 'Тула', 'Tula', ['sweets', 'machine', 'metal']],
  ['yaroslavl', 'RU-YAR', 'Ярославская область', 'Yaroslavl Oblast', 'cfo', 4, 3, 'Ярославль', 'Yaroslavl', ['tyre', 'machine', 'petrochem']],
  // Northwestern
  ['karelia', 'RU-KR', 'Республика Карелия', 'Republic of Karelia', 'szfo', 3, 1, 'Петрозаводск', 'Petrozavodsk', ['wood', 'mine']],
  ['komi', 'RU-KO', 'Республика Коми', 'Komi Republic', 'szfo', 6, 1, 'Сыктывкар', 'Syktyvkar', ['wood', 'petrochem']],
  ['arkhangelsk', 'RU-ARK', 'Архангельская область', 'Arkhangelsk Oblast', 'szfo', 4, 1, 'Архангельск', 'Arkhangelsk', ['ship', 'wood']],
  ['nenets', 'RU-NEN', 'Ненецкий автономный округ', 'Nenets Autonomous Okrug', 'szfo', 5, 1, 'Нарьян-Мар', 'Naryan-Mar', ['petrochem']],
  ['vologda', 'RU-VLG', 'Вологодская область', 'Vologda Oblast', 'szfo', 4, 2, 'Вологда', 'Vologda', ['dairy', 'metal']],
  ['kaliningrad', 'RU-KGD', 'Калининградская область', 'Kaliningrad Oblast', 'szfo', 0, 4, 'Калининград', 'Kaliningrad', ['ship', 'sweets']],
  ['leningrad-oblast', 'RU-LEN', 'Ленинградская область', 'Leningrad Oblast', 'szfo', 3, 2, 'Гатчина', 'Gatchina', ['wood', 'power']],
  ['murmansk', 'RU-MUR', 'Мурманская область', 'Murmansk Oblast', 'szfo', 3, 0, 'Мурманск', 'Murmansk', ['ship', 'mine']],
  ['novgorod', 'RU-NGR', 'Новгородская область', 'Novgorod Oblast', 'szfo', 2, 3, 'Великий Новгород', 'Veliky Novgorod', ['petrochem', 'wood']],
  ['pskov', 'RU-PSK', 'Псковская область', 'Pskov Oblast', 'szfo', 1, 3, 'Псков', 'Pskov', ['machine', 'textile']],
  ['saint-petersburg', 'RU-SPE', 'Санкт-Петербург', 'Saint Petersburg', 'szfo', 2, 2, null, null, ['ship', 'machine', 'tech']],
  // Southern
  ['adygea', 'RU-AD', 'Республика Адыгея', 'Republic of Adygea', 'yufo', 3, 9, 'Майкоп', 'Maykop', ['agro', 'wood']],
  ['kalmykia', 'RU-KL', 'Республика Калмыкия', 'Republic of Kalmykia', 'yufo', 6, 8, 'Элиста', 'Elista', ['agro']],
  ['krasnodar', 'RU-KDA', 'Краснодарский край', 'Krasnodar Krai', 'yufo', 4, 9, 'Краснодар', 'Krasnodar', ['agro', 'sweets']],
  ['astrakhan', 'RU-AST', 'Астраханская область', 'Astrakhan Oblast', 'yufo', 7, 8, 'Астрахань', 'Astrakhan', ['ship', 'petrochem']],
  ['volgograd', 'RU-VGG', 'Волгоградская область', 'Volgograd Oblast', 'yufo', 6, 7, 'Волгоград', 'Volgograd', ['metal', 'petrochem']],
  ['rostov', 'RU-ROS', 'Ростовская область', 'Rostov Oblast', 'yufo', 5, 8, 'Ростов-на-Дону', 'Rostov-on-Don', ['machine', 'agro']],
  // North Caucasian
  ['dagestan', 'RU-DA', 'Республика Дагестан', 'Republic of Dagestan', 'skfo', 7, 9, 'Махачкала', 'Makhachkala', ['agro', 'glass']],
  ['ingushetia', 'RU-IN', 'Республика Ингушетия', 'Republic of Ingushetia', 'skfo', 6, 10, 'Магас', 'Magas', ['agro']],
  ['kabardino-balkaria', 'RU-KB', 'Кабардино-Балкарская Республика', 'Kabardino-Balkarian Republic', 'skfo', 4, 10, 'Нальчик', 'Nalchik', ['agro', 'mine']],
  ['karachay-cherkessia', 'RU-KC', 'Карачаево-Черкесская Республика', 'Karachay-Cherkess Republic', 'skfo', 3, 10, 'Черкесск', 'Cherkessk', ['agro']],
  ['north-ossetia', 'RU-SE', 'Республика Северная Осетия — Алания', 'Republic of North Ossetia – Alania', 'skfo', 5, 10, 'Владикавказ', 'Vladikavkaz', ['metal', 'glass']],
  ['chechnya', 'RU-CE', 'Чеченская Республика', 'Chechen Republic', 'skfo', 6, 9, 'Грозный', 'Grozny', ['petrochem', 'agro']],
  ['stavropol', 'RU-STA', 'Ставропольский край', 'Stavropol Krai', 'skfo', 5, 9, 'Ставрополь', 'Stavropol', ['petrochem', 'agro']],
  // Volga
  ['bashkortostan', 'RU-BA', 'Республика Башкортостан', 'Republic of Bashkortostan', 'pfo', 8, 4, 'Уфа', 'Ufa', ['petrochem', 'aircraft']],
  ['mari-el', 'RU-ME', 'Республика Марий Эл', 'Mari El Republic', 'pfo', 6, 3, 'Йошкар-Ола', 'Yoshkar-Ola', ['instruments', 'wood']],
  ['mordovia', 'RU-MO', 'Республика Мордовия', 'Republic of Mordovia', 'pfo', 5, 5, 'Саранск', 'Saransk', ['instruments', 'machine']],
  ['tatarstan', 'RU-TA', 'Республика Татарстан', 'Republic of Tatarstan', 'pfo', 7, 4, 'Казань', 'Kazan', ['petrochem', 'machine', 'tyre']],
  ['udmurtia', 'RU-UD', 'Удмуртская Республика', 'Udmurt Republic', 'pfo', 7, 3, 'Ижевск', 'Izhevsk', ['machine', 'metal']],
  ['chuvashia', 'RU-CU', 'Чувашская Республика', 'Chuvash Republic', 'pfo', 6, 4, 'Чебоксары', 'Cheboksary', ['machine', 'power']],
  ['perm', 'RU-PER', 'Пермский край', 'Perm Krai', 'pfo', 8, 3, 'Пермь', 'Perm', ['petrochem', 'aircraft']],
  ['kirov', 'RU-KIR', 'Кировская область', 'Kirov Oblast', 'pfo', 6, 2, 'Киров', 'Kirov', ['tyre', 'wood']],
  ['nizhny-novgorod', 'RU-NIZ', 'Нижегородская область', 'Nizhny Novgorod Oblast', 'pfo', 5, 4, 'Нижний Новгород', 'Nizhny Novgorod', ['machine', 'glass']],
  ['orenburg', 'RU-ORE', 'Оренбургская область', 'Orenburg Oblast', 'pfo', 8, 5, 'Оренбург', 'Orenburg', ['petrochem', 'mine']],
  ['penza', 'RU-PNZ', 'Пензенская область', 'Penza Oblast', 'pfo', 6, 6, 'Пенза', 'Penza', ['instruments', 'sweets']],
  ['samara', 'RU-SAM', 'Самарская область', 'Samara Oblast', 'pfo', 7, 5, 'Самара', 'Samara', ['aircraft', 'machine']],
  ['saratov', 'RU-SAR', 'Саратовская область', 'Saratov Oblast', 'pfo', 7, 6, 'Саратов', 'Saratov', ['machine', 'glass']],
  ['ulyanovsk', 'RU-ULY', 'Ульяновская область', 'Ulyanovsk Oblast', 'pfo', 6, 5, 'Ульяновск', 'Ulyanovsk', ['aircraft', 'machine']],
  // Ural
  ['kurgan', 'RU-KGN', 'Курганская область', 'Kurgan Oblast', 'ufo', 10, 4, 'Курган', 'Kurgan', ['machine', 'pharma']],
  ['sverdlovsk', 'RU-SVE', 'Свердловская область', 'Sverdlovsk Oblast', 'ufo', 9, 3, 'Екатеринбург', 'Yekaterinburg', ['metal', 'machine']],
  ['tyumen', 'RU-TYU', 'Тюменская область', 'Tyumen Oblast', 'ufo', 10, 3, 'Тюмень', 'Tyumen', ['petrochem', 'tech']],
  ['chelyabinsk', 'RU-CHE', 'Челябинская область', 'Chelyabinsk Oblast', 'ufo', 9, 4, 'Челябинск', 'Chelyabinsk', ['metal', 'machine']],
  ['khanty-mansi', 'RU-KHM', 'Ханты-Мансийский автономный округ — Югра', 'Khanty-Mansi Autonomous Okrug – Yugra', 'ufo', 11, 3, 'Ханты-Мансийск', 'Khanty-Mansiysk', ['petrochem', 'power']],
  ['yamalo-nenets', 'RU-YAN', 'Ямало-Ненецкий автономный округ', 'Yamalo-Nenets Autonomous Okrug', 'ufo', 11, 2, 'Салехард', 'Salekhard', ['petrochem']],
  // Siberian
  ['altai-republic', 'RU-AL', 'Республика Алтай', 'Altai Republic', 'sfo', 13, 5, 'Горно-Алтайск', 'Gorno-Altaysk', ['agro']],
  ['tuva', 'RU-TY', 'Республика Тыва', 'Tuva Republic', 'sfo', 14, 5, 'Кызыл', 'Kyzyl', ['mine']],
  ['khakassia', 'RU-KK', 'Республика Хакасия', 'Republic of Khakassia', 'sfo', 14, 4, 'Абакан', 'Abakan', ['metal', 'power']],
  ['altai-krai', 'RU-ALT', 'Алтайский край', 'Altai Krai', 'sfo', 12, 5, 'Барнаул', 'Barnaul', ['agro', 'machine']],
  ['krasnoyarsk', 'RU-KYA', 'Красноярский край', 'Krasnoyarsk Krai', 'sfo', 13, 3, 'Красноярск', 'Krasnoyarsk', ['metal', 'power']],
  ['irkutsk', 'RU-IRK', 'Иркутская область', 'Irkutsk Oblast', 'sfo', 15, 4, 'Иркутск', 'Irkutsk', ['aircraft', 'power', 'wood']],
  ['kemerovo', 'RU-KEM', 'Кемеровская область — Кузбасс', 'Kemerovo Oblast – Kuzbass', 'sfo', 13, 4, 'Кемерово', 'Kemerovo', ['mine', 'power']],
  ['novosibirsk', 'RU-NVS', 'Новосибирская область', 'Novosibirsk Oblast', 'sfo', 12, 4, 'Новосибирск', 'Novosibirsk', ['tech', 'aircraft', 'instruments']],
  ['omsk', 'RU-OMS', 'Омская область', 'Omsk Oblast', 'sfo', 11, 4, 'Омск', 'Omsk', ['petrochem', 'instruments', 'agro', 'machine']],
  ['tomsk', 'RU-TOM', 'Томская область', 'Tomsk Oblast', 'sfo', 12, 3, 'Томск', 'Tomsk', ['tech', 'petrochem']],
  // Far Eastern
  ['buryatia', 'RU-BU', 'Республика Бурятия', 'Republic of Buryatia', 'dfo', 15, 5, 'Улан-Удэ', 'Ulan-Ude', ['aircraft', 'agro']],
  ['yakutia', 'RU-SA', 'Республика Саха (Якутия)', 'Sakha (Yakutia) Republic', 'dfo', 16, 4, 'Якутск', 'Yakutsk', ['mine']],
  ['zabaykalsky', 'RU-ZAB', 'Забайкальский край', 'Zabaykalsky Krai', 'dfo', 16, 5, 'Чита', 'Chita', ['mine']],
  ['kamchatka', 'RU-KAM', 'Камчатский край', 'Kamchatka Krai', 'dfo', 19, 4, 'Петропавловск-Камчатский', 'Petropavlovsk-Kamchatsky', ['ship', 'power']],
  ['primorsky', 'RU-PRI', 'Приморский край', 'Primorsky Krai', 'dfo', 18, 6, 'Владивосток', 'Vladivostok', ['ship', 'aircraft']],
  ['khabarovsk', 'RU-KHA', 'Хабаровский край', 'Khabarovsk Krai', 'dfo', 18, 5, 'Хабаровск', 'Khabarovsk', ['aircraft', 'ship']],
  ['amur', 'RU-AMU', 'Амурская область', 'Amur Oblast', 'dfo', 17, 5, 'Благовещенск', 'Blagoveshchensk', ['power', 'agro']],
  ['magadan', 'RU-MAG', 'Магаданская область', 'Magadan Oblast', 'dfo', 18, 4, 'Магадан', 'Magadan', ['mine']],
  ['sakhalin', 'RU-SAK', 'Сахалинская область', 'Sakhalin Oblast', 'dfo', 19, 5, 'Южно-Сахалинск', 'Yuzhno-Sakhalinsk', ['petrochem', 'ship']],
  ['jewish-ao', 'RU-YEV', 'Еврейская автономная область', 'Jewish Autonomous Oblast', 'dfo', 17, 6, 'Биробиджан', 'Birobidzhan', ['agro']],
  ['chukotka', 'RU-CHU', 'Чукотский автономный округ', 'Chukotka Autonomous Okrug', 'dfo', 19, 3, 'Анадырь', 'Anadyr', ['mine']],
];

export const regions: readonly RegionSeed[] = rows.map(([id, iso, ru, en, district, col, row, centreRu, centreEn, types]) => ({
  id,
  iso,
  name: { ru, en },
  district,
  col,
  row,
  centre: centreRu && centreEn ? { ru: centreRu, en: centreEn } : null,
  types,
  participating: !notParticipating.has(id),
}));

export const tileGrid = { columns: 20, rows: 11 } as const;
