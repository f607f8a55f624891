// Industries, tags and the enterprise types that demo projects are composed from.
// Russian forms are spelled out per case («на …» / «в …» with the accusative, the genitive) because
// Russian titles cannot be glued together from one form without grammar mistakes.

export type Text = { ru: string; en: string };

export type TagId =
  | 'petrochemicals'
  | 'machine-building'
  | 'agribusiness'
  | 'food'
  | 'metallurgy'
  | 'energy'
  | 'it'
  | 'light-industry'
  | 'aerospace'
  | 'instruments'
  | 'industrial-tourism'
  | 'enterprise-museums'
  | 'wood-processing'
  | 'pharmaceuticals'
  | 'tyres-rubber'
  | 'mining'
  | 'shipbuilding'
  | 'crafts';

export const tags: readonly { id: TagId; name: Text }[] = [
  { id: 'petrochemicals', name: { ru: 'Нефтехимия', en: 'Petrochemicals' } },
  { id: 'machine-building', name: { ru: 'Машиностроение', en: 'Mechanical engineering' } },
  { id: 'agribusiness', name: { ru: 'Агропром', en: 'Agribusiness' } },
  { id: 'food', name: { ru: 'Пищевая промышленность', en: 'Food industry' } },
  { id: 'metallurgy', name: { ru: 'Металлургия', en: 'Metallurgy' } },
  { id: 'energy', name: { ru: 'Энергетика', en: 'Energy' } },
  { id: 'it', name: { ru: 'IT и цифровые технологии', en: 'IT and digital technologies' } },
  { id: 'light-industry', name: { ru: 'Лёгкая промышленность', en: 'Light industry' } },
  { id: 'aerospace', name: { ru: 'Авиакосмос', en: 'Aerospace' } },
  { id: 'instruments', name: { ru: 'Приборостроение', en: 'Instrument making' } },
  { id: 'industrial-tourism', name: { ru: 'Промышленный туризм', en: 'Industrial tourism' } },
  { id: 'enterprise-museums', name: { ru: 'Музеи предприятий', en: 'Enterprise museums' } },
  { id: 'wood-processing', name: { ru: 'Деревообработка', en: 'Wood processing' } },
  { id: 'pharmaceuticals', name: { ru: 'Фармацевтика', en: 'Pharmaceuticals' } },
  { id: 'tyres-rubber', name: { ru: 'Шины и резинотехника', en: 'Tyres and rubber goods' } },
  { id: 'mining', name: { ru: 'Горнодобыча', en: 'Mining' } },
  { id: 'shipbuilding', name: { ru: 'Судостроение', en: 'Shipbuilding' } },
  { id: 'crafts', name: { ru: 'Народные промыслы', en: 'Folk crafts' } },
];

export type Motif = 'factory' | 'gears' | 'pipeline' | 'refinery' | 'energy' | 'circuit' | 'plane' | 'field';

export type EnterpriseTypeId =
  | 'petrochem'
  | 'machine'
  | 'wood'
  | 'dairy'
  | 'sweets'
  | 'metal'
  | 'power'
  | 'aircraft'
  | 'instruments'
  | 'textile'
  | 'tyre'
  | 'pharma'
  | 'tech'
  | 'ship'
  | 'mine'
  | 'agro'
  | 'glass'
  | 'porcelain';

export type EnterpriseType = {
  id: EnterpriseTypeId;
  /** Where a tour goes, preposition included: «на кондитерскую фабрику», «в технопарк». */
  to: string;
  /** Genitive: «музей шинного завода». */
  gen: string;
  en: string;
  /** The industry as a region summary names it. */
  industry: Text;
  tags: readonly TagId[];
  motif: Motif;
  /** Tour themes, usable both after a colon and inside «кавычки». */
  themes: readonly Text[];
  /** What a visitor sees, as the object of «увидят» / "see". */
  see: Text;
  /** One sentence about the (fictional) production. */
  story: Text;
  /** Where visitors walk, when «по цехам …» would be wrong (a technology park has labs, not shops). */
  walk?: Text;
  /** An "open doors" title, when «Открытые цеха …» would be wrong. */
  open?: Text;
};

export const enterpriseTypes: readonly EnterpriseType[] = [
  {
    id: 'petrochem',
    to: 'на нефтехимический комбинат',
    gen: 'нефтехимического комбината',
    en: 'petrochemical works',
    industry: { ru: 'нефтехимия', en: 'petrochemicals' },
    tags: ['petrochemicals'],
    motif: 'refinery',
    themes: [
      { ru: 'путь полимера', en: 'the journey of a polymer' },
      { ru: 'от нефти до гранулы', en: 'from crude oil to pellets' },
      { ru: 'лаборатория качества', en: 'the quality laboratory' },
    ],
    see: { ru: 'ректификационные колонны, пульт управления и лабораторию качества', en: 'distillation columns, the control room and the quality laboratory' },
    story: {
      ru: 'Комбинат перерабатывает углеводородное сырьё в полимеры, из которых потом делают трубы, плёнку и детали автомобилей.',
      en: 'The works turns hydrocarbons into polymers that later become pipes, film and car parts.',
    },
  },
  {
    id: 'machine',
    to: 'на машиностроительный завод',
    gen: 'машиностроительного завода',
    en: 'machine-building plant',
    industry: { ru: 'машиностроение', en: 'mechanical engineering' },
    tags: ['machine-building'],
    motif: 'gears',
    themes: [
      { ru: 'как собирают трактор', en: 'how a tractor is assembled' },
      { ru: 'сборочный конвейер', en: 'the assembly line' },
      { ru: 'испытательный полигон', en: 'the proving ground' },
    ],
    see: { ru: 'сварочных роботов, сборочный конвейер и испытательный стенд', en: 'welding robots, the assembly line and the test bench' },
    story: {
      ru: 'Машины собирают на конвейере, а каждую готовую единицу обкатывают на собственном полигоне.',
      en: 'Machines are built on an assembly line, and every finished unit is run in on the plant’s own proving ground.',
    },
  },
  {
    id: 'wood',
    to: 'на деревообрабатывающий комбинат',
    gen: 'деревообрабатывающего комбината',
    en: 'woodworking mill',
    industry: { ru: 'деревообработка', en: 'wood processing' },
    tags: ['wood-processing'],
    motif: 'factory',
    themes: [
      { ru: 'от бревна до мебели', en: 'from log to furniture' },
      { ru: 'сушильные камеры и пилорама', en: 'drying kilns and the sawmill' },
    ],
    see: { ru: 'пилораму, сушильные камеры и линию производства фанеры', en: 'the sawmill, drying kilns and the plywood line' },
    story: {
      ru: 'Из северной сосны и берёзы здесь делают фанеру, клеёный брус и детали для мебели.',
      en: 'Northern pine and birch are turned into plywood, glued beams and furniture parts.',
    },
  },
  {
    id: 'dairy',
    to: 'на молочный завод',
    gen: 'молочного завода',
    en: 'dairy plant',
    industry: { ru: 'молочная промышленность', en: 'dairy' },
    tags: ['food', 'agribusiness'],
    motif: 'field',
    themes: [
      { ru: 'как делают сыр', en: 'how cheese is made' },
      { ru: 'от фермы до прилавка', en: 'from farm to shelf' },
    ],
    see: { ru: 'сыроварню, камеры созревания и линию розлива', en: 'the cheese dairy, ripening rooms and the bottling line' },
    story: {
      ru: 'Молоко с окрестных ферм за сутки превращается в кефир, творог и выдержанные сыры.',
      en: 'Milk from nearby farms becomes kefir, cottage cheese and aged cheeses within a day.',
    },
  },
  {
    id: 'sweets',
    to: 'на кондитерскую фабрику',
    gen: 'кондитерской фабрики',
    en: 'confectionery factory',
    industry: { ru: 'кондитерское производство', en: 'confectionery' },
    tags: ['food'],
    motif: 'factory',
    themes: [
      { ru: 'шоколадный цех', en: 'the chocolate shop' },
      { ru: 'секреты пряника', en: 'the secrets of gingerbread' },
    ],
    see: { ru: 'шоколадный цех, печи для пряников и упаковочную линию', en: 'the chocolate shop, gingerbread ovens and the packing line' },
    story: {
      ru: 'Фабрика сохраняет старые рецептуры, но тесто месят и формуют уже автоматические линии.',
      en: 'The factory keeps its old recipes, while the dough is now kneaded and shaped by automated lines.',
    },
  },
  {
    id: 'metal',
    to: 'на металлургический комбинат',
    gen: 'металлургического комбината',
    en: 'steelworks',
    industry: { ru: 'металлургия', en: 'metallurgy' },
    tags: ['metallurgy'],
    motif: 'factory',
    themes: [
      { ru: 'разливка стали', en: 'steel casting' },
      { ru: 'прокатный стан', en: 'the rolling mill' },
    ],
    see: { ru: 'электросталеплавильную печь, машину непрерывного литья и прокатный стан', en: 'the electric arc furnace, the continuous caster and the rolling mill' },
    story: {
      ru: 'Металлолом и чугун переплавляют в сталь, а раскалённую заготовку прокатывают в лист прямо на глазах у гостей.',
      en: 'Scrap and pig iron are melted into steel, and the glowing slab is rolled into sheet in front of the visitors.',
    },
  },
  {
    id: 'power',
    to: 'на тепловую электростанцию',
    gen: 'тепловой электростанции',
    en: 'thermal power plant',
    industry: { ru: 'энергетика', en: 'energy' },
    tags: ['energy'],
    motif: 'energy',
    themes: [
      { ru: 'машинный зал', en: 'the turbine hall' },
      { ru: 'как рождается тепло', en: 'where the heat comes from' },
    ],
    see: { ru: 'машинный зал с турбинами, котельное отделение и центральный щит управления', en: 'the turbine hall, the boiler house and the main control room' },
    walk: { ru: 'по залам тепловой электростанции', en: 'the halls of the thermal power plant' },
    story: {
      ru: 'Станция одновременно вырабатывает электричество и тепло для жилых кварталов.',
      en: 'The plant produces both electricity and heat for the surrounding neighbourhoods.',
    },
  },
  {
    id: 'aircraft',
    to: 'на авиастроительный завод',
    gen: 'авиастроительного завода',
    en: 'aircraft plant',
    industry: { ru: 'авиастроение', en: 'aircraft building' },
    tags: ['aerospace', 'machine-building'],
    motif: 'plane',
    themes: [
      { ru: 'лётные испытания', en: 'flight tests' },
      { ru: 'сборка фюзеляжа', en: 'fuselage assembly' },
    ],
    see: { ru: 'стапели сборки фюзеляжа, покрасочный ангар и лётно-испытательную станцию', en: 'the fuselage assembly jigs, the paint hangar and the flight test station' },
    story: {
      ru: 'Каждый самолёт перед передачей заказчику проходит наземные и лётные испытания.',
      en: 'Every aircraft goes through ground and flight tests before it is handed over.',
    },
  },
  {
    id: 'instruments',
    to: 'на приборостроительный завод',
    gen: 'приборостроительного завода',
    en: 'instrument-making plant',
    industry: { ru: 'приборостроение', en: 'instrument making' },
    tags: ['instruments'],
    motif: 'circuit',
    themes: [
      { ru: 'чистые комнаты', en: 'clean rooms' },
      { ru: 'как паяют платы', en: 'how circuit boards are soldered' },
    ],
    see: { ru: 'чистые комнаты, линии монтажа плат и климатические камеры', en: 'clean rooms, board assembly lines and climate chambers' },
    story: {
      ru: 'Завод выпускает датчики и бортовую электронику, которую проверяют в жаре, холоде и на вибростенде.',
      en: 'The plant makes sensors and on-board electronics tested in heat, cold and on a vibration table.',
    },
  },
  {
    id: 'textile',
    to: 'на текстильную фабрику',
    gen: 'текстильной фабрики',
    en: 'textile mill',
    industry: { ru: 'текстильная промышленность', en: 'textiles' },
    tags: ['light-industry'],
    motif: 'factory',
    themes: [
      { ru: 'от нити до ткани', en: 'from thread to fabric' },
      { ru: 'ткацкий цех', en: 'the weaving shop' },
    ],
    see: { ru: 'прядильный и ткацкий цеха и участок печати на ткани', en: 'the spinning and weaving shops and the fabric printing line' },
    story: {
      ru: 'Лён и хлопок проходят здесь весь путь — от пряжи до готового полотна с рисунком.',
      en: 'Flax and cotton go all the way here, from yarn to printed fabric.',
    },
  },
  {
    id: 'tyre',
    to: 'на шинный завод',
    gen: 'шинного завода',
    en: 'tyre plant',
    industry: { ru: 'шинное производство', en: 'tyre making' },
    tags: ['tyres-rubber', 'petrochemicals'],
    motif: 'gears',
    themes: [
      { ru: 'как рождается шина', en: 'how a tyre is born' },
      { ru: 'резина и корд', en: 'rubber and cord' },
    ],
    see: { ru: 'резиносмесители, сборочные барабаны и прессы вулканизации', en: 'rubber mixers, building drums and curing presses' },
    story: {
      ru: 'Шину собирают из десятка слоёв резины и корда, а затем вулканизируют под давлением.',
      en: 'A tyre is built from a dozen layers of rubber and cord and then cured under pressure.',
    },
  },
  {
    id: 'pharma',
    to: 'на фармацевтический завод',
    gen: 'фармацевтического завода',
    en: 'pharmaceutical plant',
    industry: { ru: 'фармацевтика', en: 'pharmaceuticals' },
    tags: ['pharmaceuticals'],
    motif: 'pipeline',
    themes: [
      { ru: 'таблетка под микроскопом', en: 'a tablet under the microscope' },
      { ru: 'стерильное производство', en: 'sterile production' },
    ],
    see: { ru: 'стерильные линии через смотровые окна и контрольную лабораторию', en: 'the sterile lines through viewing windows and the control laboratory' },
    walk: { ru: 'по смотровой галерее фармацевтического завода', en: 'the viewing gallery of the pharmaceutical plant' },
    story: {
      ru: 'Гости смотрят на производство через стекло галереи: внутрь чистых зон пускают только персонал.',
      en: 'Visitors watch production from a glazed gallery: only staff may enter the clean zones.',
    },
  },
  {
    id: 'tech',
    to: 'в технопарк',
    gen: 'технопарка',
    en: 'technology park',
    industry: { ru: 'IT и робототехника', en: 'IT and robotics' },
    tags: ['it'],
    motif: 'circuit',
    themes: [
      { ru: 'роботы и цифровые двойники', en: 'robots and digital twins' },
      { ru: 'лаборатории стартапов', en: 'start-up laboratories' },
    ],
    see: { ru: 'лаборатории робототехники, центр обработки данных и прототипы стартапов', en: 'robotics labs, the data centre and start-up prototypes' },
    walk: { ru: 'по лабораториям технопарка', en: 'the labs of the technology park' },
    open: { ru: 'Открытые лаборатории технопарка', en: 'Open labs of the technology park' },
    story: {
      ru: 'Резиденты технопарка разрабатывают программы для заводов и показывают прототипы прямо в лабораториях.',
      en: 'Resident companies write software for factories and demonstrate prototypes in their labs.',
    },
  },
  {
    id: 'ship',
    to: 'на судостроительный завод',
    gen: 'судостроительного завода',
    en: 'shipyard',
    industry: { ru: 'судостроение', en: 'shipbuilding' },
    tags: ['shipbuilding', 'machine-building'],
    motif: 'pipeline',
    themes: [
      { ru: 'спуск судна на воду', en: 'a ship launch' },
      { ru: 'сборка корпуса', en: 'hull assembly' },
    ],
    see: { ru: 'стапель, корпусообрабатывающий цех и достроечную набережную', en: 'the slipway, the hull shop and the fitting-out quay' },
    story: {
      ru: 'Корпус судна сваривают из готовых секций, а достраивают уже на плаву у причала.',
      en: 'The hull is welded from prefabricated blocks and fitted out afloat at the quay.',
    },
  },
  {
    id: 'mine',
    to: 'на горно-обогатительный комбинат',
    gen: 'горно-обогатительного комбината',
    en: 'mining and processing plant',
    industry: { ru: 'горнодобыча', en: 'mining' },
    tags: ['mining'],
    motif: 'factory',
    themes: [
      { ru: 'карьер и фабрика', en: 'the open pit and the mill' },
      { ru: 'смотровая площадка над карьером', en: 'the lookout over the pit' },
    ],
    see: { ru: 'смотровую площадку над карьером, карьерные самосвалы и обогатительную фабрику', en: 'the lookout over the pit, the haul trucks and the processing mill' },
    walk: { ru: 'по территории горно-обогатительного комбината', en: 'the grounds of the mining and processing plant' },
    open: { ru: 'День открытых дверей горно-обогатительного комбината', en: 'Open day at the mining and processing plant' },
    story: {
      ru: 'Руду добывают открытым способом и обогащают на фабрике рядом с карьером.',
      en: 'Ore is mined in an open pit and concentrated at a mill next to it.',
    },
  },
  {
    id: 'agro',
    to: 'в агрохолдинг',
    gen: 'агрохолдинга',
    en: 'agricultural holding',
    industry: { ru: 'агропромышленный комплекс', en: 'agribusiness' },
    tags: ['agribusiness', 'food'],
    motif: 'field',
    themes: [
      { ru: 'элеватор и поле', en: 'the elevator and the fields' },
      { ru: 'умная ферма', en: 'the smart farm' },
    ],
    see: { ru: 'роботизированную ферму, элеватор и технику с автопилотом', en: 'the robotic farm, the grain elevator and self-driving machinery' },
    walk: { ru: 'по фермам и полям агрохолдинга', en: 'the farms and fields of the agricultural holding' },
    open: { ru: 'День открытых дверей агрохолдинга', en: 'Open day at the agricultural holding' },
    story: {
      ru: 'Поля обрабатывает техника со спутниковой навигацией, а коров доят роботы.',
      en: 'The fields are worked by satellite-guided machinery, and cows are milked by robots.',
    },
  },
  {
    id: 'glass',
    to: 'на стекольный завод',
    gen: 'стекольного завода',
    en: 'glassworks',
    industry: { ru: 'стекольное производство', en: 'glass making' },
    tags: ['light-industry', 'crafts'],
    motif: 'factory',
    themes: [
      { ru: 'выдувание стекла', en: 'glass blowing' },
      { ru: 'огонь и песок', en: 'fire and sand' },
    ],
    see: { ru: 'стекловаренную печь, участок ручного выдувания и мастерскую гравировки', en: 'the glass furnace, the hand-blowing bay and the engraving workshop' },
    story: {
      ru: 'Рядом с автоматической линией работают мастера, которые выдувают посуду вручную.',
      en: 'Next to the automated line, craftsmen still blow tableware by hand.',
    },
  },
  {
    id: 'porcelain',
    to: 'на фарфоровый завод',
    gen: 'фарфорового завода',
    en: 'porcelain factory',
    industry: { ru: 'фарфор и керамика', en: 'porcelain and ceramics' },
    tags: ['crafts', 'light-industry'],
    motif: 'factory',
    themes: [
      { ru: 'роспись фарфора', en: 'porcelain painting' },
      { ru: 'белое золото', en: 'white gold' },
    ],
    see: { ru: 'формовочный цех, обжиговые печи и мастерскую ручной росписи', en: 'the moulding shop, the kilns and the hand-painting workshop' },
    story: {
      ru: 'Чашку обжигают дважды, а расписывают вручную — каждый предмет немного отличается от соседнего.',
      en: 'Each cup is fired twice and painted by hand, so no two pieces are quite alike.',
    },
  },
];

const byId = new Map(enterpriseTypes.map((t) => [t.id, t]));

export function enterpriseType(id: EnterpriseTypeId): EnterpriseType {
  const found = byId.get(id);
  if (!found) throw new Error(`Unknown enterprise type ${id}`);
  return found;
}
