// The host region's demo content: fictional Omsk enterprises, ten industrial clusters and the route
// «Индустриальная Сибирь – величие России». All organisations here are invented for the demo; none of
// them describes a real company, so nothing shown can be mistaken for a real company's claim.
import type { CoverMotif } from './images';
import type { EnterpriseTypeId, TagId, Text } from './industries';

export type OmskEnterprise = {
  id: string;
  name: Text;
  about: Text;
  /** Hall zone: 'omsk' (clusters) or 'tourism' (the industrial tourism zone). */
  zone: 'omsk' | 'tourism';
  types: readonly EnterpriseTypeId[];
};

export const omskEnterprises: readonly OmskEnterprise[] = [
  {
    id: 'omsk-petrochem',
    name: { ru: 'Прииртышский нефтехимический комбинат', en: 'Priirtyshye Petrochemical Works' },
    about: { ru: 'Переработка углеводородов и выпуск полимеров; открытая лаборатория качества для гостей.', en: 'Hydrocarbon processing and polymer production; an open quality laboratory for visitors.' },
    zone: 'omsk',
    types: ['petrochem'],
  },
  {
    id: 'omsk-polymer',
    name: { ru: 'Завод «Иртышполимер»', en: 'Irtyshpolymer Plant' },
    about: { ru: 'Полипропилен и композиты для машиностроения, медицины и упаковки.', en: 'Polypropylene and composites for engineering, medicine and packaging.' },
    zone: 'omsk',
    types: ['petrochem'],
  },
  {
    id: 'omsk-avionics',
    name: { ru: 'Сибирское авиаприборное конструкторское бюро', en: 'Siberian Avionics Design Bureau' },
    about: { ru: 'Бортовые приборы и датчики для авиации и космических аппаратов.', en: 'On-board instruments and sensors for aircraft and spacecraft.' },
    zone: 'omsk',
    types: ['instruments', 'aircraft'],
  },
  {
    id: 'omsk-zvyozdny',
    name: { ru: 'Приборный завод «Звёздный»', en: 'Zvyozdny Instrument Plant' },
    about: { ru: 'Навигационная аппаратура и климатические испытания электроники.', en: 'Navigation equipment and climate testing of electronics.' },
    zone: 'omsk',
    types: ['instruments'],
  },
  {
    id: 'omsk-agro',
    name: { ru: 'Агрохолдинг «Иртышская нива»', en: 'Irtyshskaya Niva Agricultural Holding' },
    about: { ru: 'Зерно, семена и роботизированные фермы в степной зоне Омской области.', en: 'Grain, seeds and robotic farms in the steppe of the Omsk Region.' },
    zone: 'omsk',
    types: ['agro'],
  },
  {
    id: 'omsk-dairy',
    name: { ru: 'Молочный завод «Сибирская бурёнка»', en: 'Sibirskaya Buryonka Dairy' },
    about: { ru: 'Сыры, кефир и сливочное масло; экскурсии с дегустацией для семей.', en: 'Cheese, kefir and butter; family tours with tasting.' },
    zone: 'tourism',
    types: ['dairy'],
  },
  {
    id: 'omsk-sweets',
    name: { ru: 'Кондитерская фабрика «Омский пряник»', en: 'Omsky Pryanik Confectionery' },
    about: { ru: 'Пряники, зефир и шоколад по сибирским рецептам; мастер-классы для детей.', en: 'Gingerbread, marshmallow and chocolate from Siberian recipes; workshops for children.' },
    zone: 'tourism',
    types: ['sweets'],
  },
  {
    id: 'omsk-mash',
    name: { ru: 'Машиностроительный завод «Иртыш-Маш»', en: 'Irtysh-Mash Engineering Plant' },
    about: { ru: 'Гусеничные и колёсные машины для Севера, собственный испытательный полигон.', en: 'Tracked and wheeled vehicles for the North, with its own proving ground.' },
    zone: 'omsk',
    types: ['machine'],
  },
  {
    id: 'omsk-tech',
    name: { ru: 'Технопарк «Омская цифровая долина»', en: 'Omsk Digital Valley Technology Park' },
    about: { ru: 'Программы для заводов, робототехника и лаборатории стартапов.', en: 'Factory software, robotics and start-up laboratories.' },
    zone: 'omsk',
    types: ['tech'],
  },
  {
    id: 'omsk-tyre',
    name: { ru: 'Прииртышский шинный завод', en: 'Priirtyshye Tyre Plant' },
    about: { ru: 'Шины для грузовиков и сельхозтехники; музей истории шины.', en: 'Tyres for trucks and farm machinery; a museum of the tyre.' },
    zone: 'tourism',
    types: ['tyre'],
  },
  {
    id: 'omsk-pharma',
    name: { ru: 'Фармацевтический завод «Сибфармсинтез»', en: 'Sibpharmsintez Pharmaceutical Plant' },
    about: { ru: 'Таблетки и растворы; смотровая галерея над стерильными линиями.', en: 'Tablets and solutions; a viewing gallery above the sterile lines.' },
    zone: 'omsk',
    types: ['pharma'],
  },
  {
    id: 'omsk-wood',
    name: { ru: 'Деревообрабатывающий комбинат «Северный лес»', en: 'Severny Les Woodworking Mill' },
    about: { ru: 'Фанера, клеёный брус и деревянные дома из северной сосны.', en: 'Plywood, glued beams and timber houses made of northern pine.' },
    zone: 'omsk',
    types: ['wood'],
  },
  {
    id: 'omsk-energy',
    name: { ru: 'ТЭЦ «Левобережная»', en: 'Levoberezhnaya Combined Heat and Power Plant' },
    about: { ru: 'Тепло и электричество для левого берега Омска; экскурсии в машинный зал.', en: 'Heat and power for the left bank of Omsk; tours of the turbine hall.' },
    zone: 'tourism',
    types: ['power'],
  },
  {
    id: 'omsk-museum',
    name: { ru: 'Музей промышленной истории Прииртышья', en: 'Priirtyshye Museum of Industrial History' },
    about: { ru: 'История омских заводов: от купеческих мельниц до космического приборостроения.', en: 'The story of Omsk factories, from merchants’ mills to space instruments.' },
    zone: 'tourism',
    types: ['machine'],
  },
];

export type ClusterSeed = {
  id: string;
  name: Text;
  about: Text;
  tags: readonly TagId[];
  motif: CoverMotif;
  /** Members in order; `exhibitor` links those that have a booth. The first is the anchor. */
  members: readonly { name: Text; role: Text; exhibitor?: string }[];
  /** Subjects of the cluster's joint projects, for titles like «Пилотная линия: …». */
  subjects: readonly Text[];
};

const anchor: Text = { ru: 'Якорное предприятие', en: 'Anchor enterprise' };
const supplier: Text = { ru: 'Участник: поставщик', en: 'Member: supplier' };
const research: Text = { ru: 'Научно-образовательный партнёр', en: 'Research and education partner' };
const technology: Text = { ru: 'Технологический партнёр', en: 'Technology partner' };
const service: Text = { ru: 'Сервисная компания', en: 'Service company' };
const processing: Text = { ru: 'Участник: переработка', en: 'Member: processing' };

export const clusters: readonly ClusterSeed[] = [
  {
    id: 'omsk-petrochemical',
    name: { ru: 'Омский нефтехимический кластер', en: 'Omsk Petrochemical Cluster' },
    about: {
      ru: 'Объединяет переработку углеводородов, выпуск полимеров и инжиниринг: от сырья до готовых изделий из пластика.',
      en: 'Brings together hydrocarbon processing, polymer production and engineering, from feedstock to finished plastic goods.',
    },
    tags: ['petrochemicals'],
    motif: 'refinery',
    members: [
      { name: omskEnterprises[0]!.name, role: anchor, exhibitor: 'omsk-petrochem' },
      { name: omskEnterprises[1]!.name, role: processing, exhibitor: 'omsk-polymer' },
      { name: { ru: 'Завод катализаторов «Каталитик»', en: 'Katalitik Catalyst Plant' }, role: supplier },
      { name: { ru: 'Инжиниринговый центр «Нефтехимпроект-Сибирь»', en: 'Neftekhimproekt-Sibir Engineering Centre' }, role: technology },
      { name: { ru: 'Прииртышский политехнический колледж', en: 'Priirtyshye Polytechnic College' }, role: research },
    ],
    subjects: [
      { ru: 'полипропилен медицинского назначения', en: 'medical-grade polypropylene' },
      { ru: 'переработка попутного нефтяного газа', en: 'associated petroleum gas processing' },
      { ru: 'катализаторы для нефтепереработки', en: 'catalysts for oil refining' },
      { ru: 'цифровой двойник установки риформинга', en: 'a digital twin of a reforming unit' },
    ],
  },
  {
    id: 'omsk-aerospace-instruments',
    name: { ru: 'Кластер авиакосмического приборостроения', en: 'Aerospace Instrument-Making Cluster' },
    about: {
      ru: 'Конструкторские бюро и приборостроительные заводы, которые делают бортовую электронику для самолётов и спутников.',
      en: 'Design bureaus and instrument plants making on-board electronics for aircraft and satellites.',
    },
    tags: ['aerospace', 'instruments'],
    motif: 'circuit',
    members: [
      { name: omskEnterprises[2]!.name, role: anchor, exhibitor: 'omsk-avionics' },
      { name: omskEnterprises[3]!.name, role: supplier, exhibitor: 'omsk-zvyozdny' },
      { name: { ru: 'Центр испытаний электроники «Сибтест»', en: 'Sibtest Electronics Testing Centre' }, role: service },
      { name: { ru: 'Конструкторское бюро «Орбитальные системы»', en: 'Orbital Systems Design Bureau' }, role: technology },
      { name: { ru: 'Прииртышский колледж приборостроения', en: 'Priirtyshye College of Instrument Making' }, role: research },
    ],
    subjects: [
      { ru: 'отечественный навигационный модуль', en: 'a domestic navigation module' },
      { ru: 'испытательный стенд для бортовой электроники', en: 'a test rig for on-board electronics' },
      { ru: 'датчики для малых спутников', en: 'sensors for small satellites' },
      { ru: 'приборы для беспилотных авиасистем', en: 'instruments for unmanned aircraft' },
    ],
  },
  {
    id: 'omsk-agro-industrial',
    name: { ru: 'Агропромышленный кластер Прииртышья', en: 'Priirtyshye Agro-Industrial Cluster' },
    about: {
      ru: 'Хозяйства, семеноводы и сервисные компании степной и лесостепной зон Омской области.',
      en: 'Farms, seed growers and service companies of the steppe and forest-steppe of the Omsk Region.',
    },
    tags: ['agribusiness'],
    motif: 'field',
    members: [
      { name: omskEnterprises[4]!.name, role: anchor, exhibitor: 'omsk-agro' },
      { name: { ru: 'Семеноводческое хозяйство «Сибирское зерно»', en: 'Sibirskoye Zerno Seed Farm' }, role: supplier },
      { name: { ru: 'Машинно-технологическая станция «Степь»', en: 'Step Machinery Station' }, role: service },
      { name: { ru: 'Агролаборатория «Почва-Тест»', en: 'Pochva-Test Agricultural Laboratory' }, role: research },
    ],
    subjects: [
      { ru: 'точное земледелие на степных полях', en: 'precision farming on steppe fields' },
      { ru: 'семена яровой пшеницы для Сибири', en: 'spring wheat seed for Siberia' },
      { ru: 'роботизированная молочная ферма', en: 'a robotic dairy farm' },
    ],
  },
  {
    id: 'omsk-food',
    name: { ru: 'Кластер пищевой промышленности «Сибирский продукт»', en: 'Sibirsky Produkt Food Industry Cluster' },
    about: {
      ru: 'Молочные, кондитерские и мукомольные предприятия, которые вместе выходят на рынки соседних регионов.',
      en: 'Dairy, confectionery and milling companies that enter neighbouring markets together.',
    },
    tags: ['food'],
    motif: 'factory',
    members: [
      { name: omskEnterprises[5]!.name, role: anchor, exhibitor: 'omsk-dairy' },
      { name: omskEnterprises[6]!.name, role: processing, exhibitor: 'omsk-sweets' },
      { name: { ru: 'Мукомольный комбинат «Иртышская мельница»', en: 'Irtyshskaya Melnitsa Flour Mill' }, role: supplier },
      { name: { ru: 'Упаковочная компания «Эко-Тара»', en: 'Eko-Tara Packaging' }, role: service },
      { name: { ru: 'Лаборатория пищевой безопасности «Продэксперт»', en: 'Prodexpert Food Safety Laboratory' }, role: research },
    ],
    subjects: [
      { ru: 'общая марка сибирских продуктов', en: 'a shared Siberian food brand' },
      { ru: 'биоразлагаемая упаковка', en: 'biodegradable packaging' },
      { ru: 'сыры длительной выдержки', en: 'long-aged cheeses' },
      { ru: 'экспорт кондитерских изделий', en: 'confectionery exports' },
    ],
  },
  {
    id: 'omsk-machine-building',
    name: { ru: 'Машиностроительный кластер Омской области', en: 'Omsk Region Machine-Building Cluster' },
    about: {
      ru: 'Машиностроительные и литейные предприятия, инструментальщики и центр аддитивных технологий.',
      en: 'Engineering and foundry companies, toolmakers and an additive manufacturing centre.',
    },
    tags: ['machine-building'],
    motif: 'gears',
    members: [
      { name: omskEnterprises[7]!.name, role: anchor, exhibitor: 'omsk-mash' },
      { name: { ru: 'Литейный завод «Сибирская отливка»', en: 'Sibirskaya Otlivka Foundry' }, role: supplier },
      { name: { ru: 'Инструментальный завод «Резец»', en: 'Rezets Tool Plant' }, role: supplier },
      { name: { ru: 'Центр аддитивных технологий «3D-Иртыш»', en: '3D-Irtysh Additive Manufacturing Centre' }, role: technology },
      { name: omskEnterprises[13]!.name, role: research, exhibitor: 'omsk-museum' },
    ],
    subjects: [
      { ru: 'вездеход для арктических экспедиций', en: 'an all-terrain vehicle for Arctic expeditions' },
      { ru: 'металлическая 3D-печать запчастей', en: 'metal 3D printing of spare parts' },
      { ru: 'локализация гидравлических узлов', en: 'localised hydraulic components' },
      { ru: 'роботизированная сварка рам', en: 'robotic frame welding' },
    ],
  },
  {
    id: 'omsk-it',
    name: { ru: 'IT-кластер «Омская цифровая долина»', en: 'Omsk Digital Valley IT Cluster' },
    about: {
      ru: 'Разработчики промышленного программного обеспечения, датчиков и систем компьютерного зрения.',
      en: 'Developers of industrial software, sensors and computer vision systems.',
    },
    tags: ['it'],
    motif: 'circuit',
    members: [
      { name: omskEnterprises[8]!.name, role: anchor, exhibitor: 'omsk-tech' },
      { name: { ru: 'Студия промышленного ПО «Цифровой цех»', en: 'Tsifrovoy Tsekh Industrial Software Studio' }, role: technology },
      { name: { ru: 'Компания «Сибирские датчики»', en: 'Sibirskiye Datchiki' }, role: supplier },
      { name: { ru: 'Лаборатория компьютерного зрения «Видеоконтроль»', en: 'Videokontrol Computer Vision Lab' }, role: research },
    ],
    subjects: [
      { ru: 'компьютерное зрение для контроля качества', en: 'computer vision for quality control' },
      { ru: 'цифровая платформа промышленного туризма', en: 'a digital platform for industrial tourism' },
      { ru: 'предиктивное обслуживание оборудования', en: 'predictive equipment maintenance' },
    ],
  },
  {
    id: 'omsk-tyre-rubber',
    name: { ru: 'Шинно-резинотехнический кластер', en: 'Tyre and Rubber Goods Cluster' },
    about: {
      ru: 'Шинное производство, резинотехнические изделия и переработка изношенных шин.',
      en: 'Tyre making, rubber goods and recycling of worn tyres.',
    },
    tags: ['tyres-rubber', 'petrochemicals'],
    motif: 'gears',
    members: [
      { name: omskEnterprises[9]!.name, role: anchor, exhibitor: 'omsk-tyre' },
      { name: omskEnterprises[1]!.name, role: supplier, exhibitor: 'omsk-polymer' },
      { name: { ru: 'Завод резинотехнических изделий «Эластик»', en: 'Elastik Rubber Goods Plant' }, role: processing },
      { name: { ru: 'Центр переработки шин «Вторкаучук»', en: 'Vtorkauchuk Tyre Recycling Centre' }, role: service },
    ],
    subjects: [
      { ru: 'шины для северной сельхозтехники', en: 'tyres for farm machinery in the North' },
      { ru: 'резиновая крошка для спортивных покрытий', en: 'crumb rubber for sports surfaces' },
      { ru: 'морозостойкие уплотнители', en: 'frost-resistant seals' },
    ],
  },
  {
    id: 'omsk-pharma',
    name: { ru: 'Фармацевтический кластер «Сибфарм»', en: 'Sibpharm Pharmaceutical Cluster' },
    about: {
      ru: 'Производство лекарств, лабораторные исследования и выращивание лекарственных растений.',
      en: 'Drug manufacturing, laboratory research and medicinal plant growing.',
    },
    tags: ['pharmaceuticals'],
    motif: 'pipeline',
    members: [
      { name: omskEnterprises[10]!.name, role: anchor, exhibitor: 'omsk-pharma' },
      { name: { ru: 'Лаборатория «Биотест-Сибирь»', en: 'Biotest-Sibir Laboratory' }, role: research },
      { name: { ru: 'Питомник лекарственных растений «Сибирский травник»', en: 'Sibirsky Travnik Medicinal Plant Nursery' }, role: supplier },
    ],
    subjects: [
      { ru: 'субстанции из сибирских лекарственных трав', en: 'active ingredients from Siberian herbs' },
      { ru: 'контрактное производство таблеток', en: 'contract tablet manufacturing' },
      { ru: 'лаборатория биоэквивалентности', en: 'a bioequivalence laboratory' },
    ],
  },
  {
    id: 'omsk-wood-processing',
    name: { ru: 'Деревообрабатывающий кластер Прииртышья', en: 'Priirtyshye Wood Processing Cluster' },
    about: {
      ru: 'Лесозаготовка на севере области, деревообрабатывающие и мебельные производства.',
      en: 'Logging in the north of the region, woodworking and furniture production.',
    },
    tags: ['wood-processing'],
    motif: 'factory',
    members: [
      { name: omskEnterprises[11]!.name, role: anchor, exhibitor: 'omsk-wood' },
      { name: { ru: 'Мебельная фабрика «Кедровый дом»', en: 'Kedrovy Dom Furniture Factory' }, role: processing },
      { name: { ru: 'Лесозаготовительная компания «Северная тайга»', en: 'Severnaya Taiga Logging Company' }, role: supplier },
      { name: { ru: 'Завод древесных пеллет «Эко-Гранула»', en: 'Eko-Granula Wood Pellet Plant' }, role: processing },
      { name: { ru: 'Лесной колледж Прииртышья', en: 'Priirtyshye Forestry College' }, role: research },
      { name: { ru: 'Сервисный центр «Лестехника»', en: 'Lestekhnika Service Centre' }, role: service },
    ],
    subjects: [
      { ru: 'деревянное домостроение из клеёного бруса', en: 'glued-beam timber housing' },
      { ru: 'пеллеты из отходов лесопиления', en: 'pellets from sawmill waste' },
      { ru: 'мебель из сибирского кедра', en: 'Siberian cedar furniture' },
    ],
  },
  {
    id: 'omsk-energy',
    name: { ru: 'Энергетический кластер «Иртыш»', en: 'Irtysh Energy Cluster' },
    about: {
      ru: 'Генерация, ремонт энергооборудования и солнечная энергетика юга Омской области.',
      en: 'Power generation, equipment repair and solar power in the south of the Omsk Region.',
    },
    tags: ['energy'],
    motif: 'energy',
    members: [
      { name: omskEnterprises[12]!.name, role: anchor, exhibitor: 'omsk-energy' },
      { name: { ru: 'Компания «Сибирская солнечная генерация»', en: 'Siberian Solar Generation' }, role: technology },
      { name: { ru: 'Сервисный центр «Энергоремонт»', en: 'Energoremont Service Centre' }, role: service },
      { name: { ru: 'Завод «Иртыш-Трансформатор»', en: 'Irtysh-Transformator Plant' }, role: supplier },
    ],
    subjects: [
      { ru: 'солнечная электростанция в степной зоне', en: 'a solar power plant in the steppe' },
      { ru: 'цифровая подстанция', en: 'a digital substation' },
      { ru: 'теплоснабжение нового микрорайона', en: 'district heating for a new neighbourhood' },
    ],
  },
];

export type RouteStopSeed = {
  enterprise: string;
  title: Text;
  about: Text;
  visiting: Text;
  booking: Text;
  address: Text;
  durationMin: number;
  latitude: number;
  longitude: number;
  motif: CoverMotif;
};

export const route = {
  id: 'industrial-siberia',
  name: { ru: 'Индустриальная Сибирь – величие России', en: 'Industrial Siberia – the greatness of Russia' },
  about: {
    ru: 'Маршрут по действующим предприятиям и музеям Омска: от истории первых заводов до нефтехимии, приборостроения и пищевой промышленности. Демонстрационные данные: предприятия и адреса вымышлены.',
    en: 'A route through working enterprises and museums of Omsk, from the first factories to petrochemicals, instrument making and food production. Demo data: the enterprises and addresses are fictional.',
  },
  linkUrl: 'https://route.example.org/industrial-siberia',
};

const bookGroup: Text = {
  ru: 'Заявка на сайте маршрута или по телефону центра промышленного туризма не позднее чем за 3 рабочих дня; нужен список группы с паспортными данными.',
  en: 'Apply on the route website or by phone to the industrial tourism centre at least 3 working days ahead; a group list with passport details is required.',
};

export const routeStops: readonly RouteStopSeed[] = [
  {
    enterprise: 'omsk-museum',
    title: { ru: 'С чего начиналась омская промышленность', en: 'Where Omsk industry began' },
    about: { ru: 'Макеты первых мельниц и мастерских, паровой двигатель в рабочем состоянии и зал космического приборостроения.', en: 'Models of the first mills and workshops, a working steam engine and a hall of space instruments.' },
    visiting: { ru: 'Вт–вс, 10:00–18:00; последний вход в 17:00.', en: 'Tue–Sun, 10:00–18:00; last entry at 17:00.' },
    booking: { ru: 'Индивидуально — без записи; группы — по телефону или на сайте музея.', en: 'Individuals need no booking; groups book by phone or on the museum website.' },
    address: { ru: 'Омск, ул. Ленина, 12', en: '12 Lenina St, Omsk' },
    durationMin: 60,
    latitude: 54.9848,
    longitude: 73.3712,
    motif: 'route',
  },
  {
    enterprise: 'omsk-sweets',
    title: { ru: 'Пряничный цех и шоколадная мастерская', en: 'The gingerbread shop and chocolate workshop' },
    about: { ru: 'Печи, в которых пекут пряники, ручная роспись глазурью и мастер-класс по шоколаду.', en: 'The gingerbread ovens, hand icing and a chocolate workshop.' },
    visiting: { ru: 'Пн–сб, экскурсии в 10:00, 12:00 и 15:00; дети с 6 лет.', en: 'Mon–Sat, tours at 10:00, 12:00 and 15:00; children aged 6 and up.' },
    booking: { ru: 'Запись на сайте фабрики; для групп от 10 человек — скидка.', en: 'Book on the factory website; discounts for groups of 10 or more.' },
    address: { ru: 'Омск, ул. 10 лет Октября, 182', en: '182 10 Let Oktyabrya St, Omsk' },
    durationMin: 75,
    latitude: 54.9761,
    longitude: 73.4287,
    motif: 'factory',
  },
  {
    enterprise: 'omsk-dairy',
    title: { ru: 'Как рождается сибирский сыр', en: 'How Siberian cheese is made' },
    about: { ru: 'Сыроварня, камеры созревания и дегустация пяти сортов сыра.', en: 'The cheese dairy, ripening rooms and a tasting of five cheeses.' },
    visiting: { ru: 'Ср–сб, 11:00 и 14:00; санитарные халаты выдают на входе.', en: 'Wed–Sat, 11:00 and 14:00; hygiene gowns are provided at the entrance.' },
    booking: bookGroup,
    address: { ru: 'Омск, ул. Красный Путь, 143', en: '143 Krasny Put St, Omsk' },
    durationMin: 90,
    latitude: 55.0312,
    longitude: 73.2958,
    motif: 'field',
  },
  {
    enterprise: 'omsk-avionics',
    title: { ru: 'Приборы для неба и космоса', en: 'Instruments for the sky and space' },
    about: { ru: 'Сборочный участок бортовых приборов, вибростенд и термокамера, макет спутниковой платформы.', en: 'The on-board instrument assembly area, a vibration table, a thermal chamber and a satellite platform mock-up.' },
    visiting: { ru: 'Пт, 10:00–12:00; с 14 лет; фото- и видеосъёмка запрещены.', en: 'Fri, 10:00–12:00; aged 14 and up; no photos or video.' },
    booking: bookGroup,
    address: { ru: 'Омск, ул. Лермонтова, 175', en: '175 Lermontova St, Omsk' },
    durationMin: 90,
    latitude: 54.9963,
    longitude: 73.3925,
    motif: 'circuit',
  },
  {
    enterprise: 'omsk-mash',
    title: { ru: 'Вездеходы для Севера: сборка и полигон', en: 'All-terrain vehicles for the North: assembly and proving ground' },
    about: { ru: 'Сборочный конвейер, окрасочная камера и заезд на вездеходе по испытательному полигону.', en: 'The assembly line, the paint booth and a ride on the proving ground.' },
    visiting: { ru: 'Вт и чт, 10:00–13:00; с 12 лет в сопровождении взрослых.', en: 'Tue and Thu, 10:00–13:00; aged 12 and up with an adult.' },
    booking: bookGroup,
    address: { ru: 'Омск, ул. 22 Партсъезда, 97', en: '97 22 Partsyezda St, Omsk' },
    durationMin: 120,
    latitude: 55.0154,
    longitude: 73.3103,
    motif: 'gears',
  },
  {
    enterprise: 'omsk-tyre',
    title: { ru: 'Музей и цеха шинного завода', en: 'The tyre plant museum and shops' },
    about: { ru: 'Музей истории шины, сборочные барабаны и прессы вулканизации из смотровой галереи.', en: 'The tyre history museum, building drums and curing presses seen from a viewing gallery.' },
    visiting: { ru: 'Пн–пт, 09:00–15:00; с 14 лет; закрытая обувь обязательна.', en: 'Mon–Fri, 09:00–15:00; aged 14 and up; closed shoes required.' },
    booking: bookGroup,
    address: { ru: 'Омск, ул. Барабинская, 20', en: '20 Barabinskaya St, Omsk' },
    durationMin: 90,
    latitude: 55.0068,
    longitude: 73.4216,
    motif: 'gears',
  },
  {
    enterprise: 'omsk-petrochem',
    title: { ru: 'Нефтехимия с высоты смотровой площадки', en: 'Petrochemicals from the lookout platform' },
    about: { ru: 'Панорама ректификационных колонн, пульт управления и лаборатория качества.', en: 'A panorama of distillation columns, the control room and the quality laboratory.' },
    visiting: { ru: 'Сб, 10:00 и 13:00; строго с 18 лет, выдаются каски и очки.', en: 'Sat, 10:00 and 13:00; strictly 18 and over; helmets and goggles provided.' },
    booking: { ru: 'Только по предварительной заявке за 5 рабочих дней через центр промышленного туризма.', en: 'Only by application 5 working days ahead via the industrial tourism centre.' },
    address: { ru: 'Омск, ул. Нефтезаводская, 47', en: '47 Neftezavodskaya St, Omsk' },
    durationMin: 120,
    latitude: 55.0689,
    longitude: 73.2462,
    motif: 'refinery',
  },
  {
    enterprise: 'omsk-energy',
    title: { ru: 'Машинный зал ТЭЦ', en: 'The turbine hall of a power plant' },
    about: { ru: 'Турбины и генераторы, центральный щит управления и рассказ о теплоснабжении города зимой.', en: 'Turbines and generators, the main control room and how the city is heated in winter.' },
    visiting: { ru: 'Чт, 14:00–16:00; с 16 лет; наушники выдают на входе.', en: 'Thu, 14:00–16:00; aged 16 and up; ear protection provided.' },
    booking: bookGroup,
    address: { ru: 'Омск, пр. Комарова, 2', en: '2 Komarova Ave, Omsk' },
    durationMin: 75,
    latitude: 54.9532,
    longitude: 73.3034,
    motif: 'energy',
  },
  {
    enterprise: 'omsk-tech',
    title: { ru: 'Роботы и цифровые двойники', en: 'Robots and digital twins' },
    about: { ru: 'Лаборатории робототехники, цифровой двойник омского завода и шлемы виртуальной реальности.', en: 'Robotics labs, a digital twin of an Omsk plant and virtual reality headsets.' },
    visiting: { ru: 'Пн–сб, 10:00–19:00; для всех возрастов.', en: 'Mon–Sat, 10:00–19:00; all ages.' },
    booking: { ru: 'Запись на сайте технопарка; свободные слоты — на стенде в Конгресс-холле.', en: 'Book on the technology park website; free slots at its stand in the Congress Hall.' },
    address: { ru: 'Омск, ул. Учебная, 199', en: '199 Uchebnaya St, Omsk' },
    durationMin: 60,
    latitude: 54.9688,
    longitude: 73.4011,
    motif: 'circuit',
  },
];

export const omskRegionTeam = {
  id: 'omsk-team',
  name: { ru: 'Омская область — команда региона', en: 'Omsk Region — regional team' },
  about: {
    ru: 'Стенд региона-хозяина форума: десять промышленных кластеров и маршрут «Индустриальная Сибирь – величие России».',
    en: 'The host region’s stand: ten industrial clusters and the route “Industrial Siberia – the greatness of Russia”.',
  },
} as const;
