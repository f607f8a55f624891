// The staff screens' own words, Russian first, each next to its English (as in exhibitor/words.ts).
import type { Bilingual, Language, Playlist, Presentation, StaffAction, SyncStatusInfo } from '../../../electron/shared/contract';

export const words = {
  // PIN prompt
  loginTitle: { ru: 'Вход для персонала', en: 'Staff login' },
  loginHint: { ru: 'Введите ваш PIN-код персонала. Цифры не показываются на экране.', en: 'Enter your staff PIN. The digits are not shown on the screen.' },
  logIn: { ru: 'Войти', en: 'Log in' },
  checking: { ru: 'Проверка…', en: 'Checking…' },
  cancel: { ru: 'Отмена', en: 'Cancel' },
  wrongPin: { ru: 'Неверный PIN-код.', en: 'Wrong PIN.' },
  tooMany: { ru: 'Слишком много неверных попыток. Подождите, пожалуйста.', en: 'Too many wrong attempts. Please wait.' },
  nextAttempt: { ru: 'Следующая попытка — через ', en: 'Next attempt in ' },
  tryAgainNow: { ru: 'Можно попробовать снова.', en: 'You can try again now.' },
  forgotPin: { ru: 'PIN-код персонала выдают на сервере зала (у организаторов).', en: 'Staff PINs are issued on the hall server (ask the organizers).' },
  // Panel frame
  panelTitle: { ru: 'Панель персонала', en: 'Staff panel' },
  loggedInAs: { ru: 'Вошли как', en: 'Logged in as' },
  logOut: { ru: 'Выйти', en: 'Log out' },
  sessionEnded: { ru: 'Сеанс персонала завершён.', en: 'The staff session has ended.' },
  loadingPanel: { ru: 'Загрузка панели…', en: 'Loading the panel…' },
  // Kiosk
  kiosk: { ru: 'Киоск', en: 'Kiosk' },
  kioskName: { ru: 'Имя киоска', en: 'Kiosk name' },
  kioskId: { ru: 'Идентификатор', en: 'Kiosk id' },
  appVersion: { ru: 'Версия приложения', en: 'App version' },
  rename: { ru: 'Изменить имя', en: 'Rename' },
  saveName: { ru: 'Сохранить имя', en: 'Save the name' },
  nameSaved: { ru: 'Имя киоска сохранено.', en: 'The kiosk name is saved.' },
  nameEmpty: { ru: 'Имя не может быть пустым.', en: 'The name cannot be empty.' },
  nameTooLong: { ru: 'Имя не длиннее 60 знаков.', en: 'The name is at most 60 characters long.' },
  capital: { ru: 'Заглавная буква', en: 'Capital letter' },
  // Place in the hall
  place: { ru: 'Место в зале', en: 'Place in the hall' },
  zone: { ru: 'Зона зала', en: 'Hall zone' },
  noZone: { ru: 'Без зоны', en: 'No zone' },
  zoneSaved: { ru: 'Зона сохранена.', en: 'The zone is saved.' },
  position: { ru: 'Место киоска на плане', en: 'Kiosk position on the plan' },
  positionHint: {
    ru: 'Коснитесь плана там, где стоит киоск: посетители увидят отметку «Вы здесь».',
    en: 'Touch the plan where the kiosk stands: visitors will see “You are here” there.',
  },
  planButton: { ru: 'План зала: коснитесь, чтобы отметить место киоска', en: 'Hall plan: touch it to mark where the kiosk stands' },
  kioskHere: { ru: 'Киоск здесь', en: 'The kiosk is here' },
  noPosition: { ru: 'Место киоска не отмечено: посетители не видят «Вы здесь».', en: 'The kiosk position is not set: visitors do not see “You are here”.' },
  positionSaved: { ru: 'Место киоска сохранено.', en: 'The kiosk position is saved.' },
  clearPosition: { ru: 'Убрать отметку', en: 'Remove the mark' },
  positionCleared: { ru: 'Отметка убрана.', en: 'The mark is removed.' },
  // Hub and sync
  hub: { ru: 'Сервер и синхронизация', en: 'Hub and sync' },
  syncState: { ru: 'Состояние', en: 'State' },
  hubAddress: { ru: 'Адрес сервера', en: 'Hub address' },
  notSet: { ru: 'не задан', en: 'not set' },
  lastSync: { ru: 'Последняя синхронизация', en: 'Last sync' },
  never: { ru: 'ещё не было', en: 'never' },
  outbox: { ru: 'Ждут отправки на сервер', en: 'Waiting to be sent to the hub' },
  pendingEdits: { ru: 'Правки экспонентов в очереди', en: 'Exhibitor edits waiting' },
  mediaBacklog: { ru: 'Медиафайлов ждут загрузки', en: 'Media files waiting to download' },
  deviceId: { ru: 'Идентификатор устройства', en: 'Device id' },
  recentErrors: { ru: 'Последние ошибки', en: 'Recent errors' },
  noErrors: { ru: 'Ошибок нет.', en: 'No errors.' },
  syncNow: { ru: 'Синхронизировать сейчас', en: 'Sync now' },
  syncAsked: { ru: 'Синхронизация запрошена.', en: 'A sync has been requested.' },
  syncNoHub: { ru: 'Киоск не подключён к серверу: синхронизировать не с чем. Подключите его ниже.', en: 'The kiosk is not enrolled with a hub: there is nothing to sync with. Enroll it below.' },
  enrollTitle: { ru: 'Подключение к серверу', en: 'Enroll with a hub' },
  enrollHint: {
    ru: 'Адрес сервера и одноразовый код подключения печатает сервер зала (npm run hub).',
    en: 'The hub prints its address and a one-time enrollment code (npm run hub).',
  },
  enrollCode: { ru: 'Код подключения', en: 'Enrollment code' },
  addressExample: { ru: 'например, http://192.168.1.10:5190', en: 'e.g. http://192.168.1.10:5190' },
  codeExample: { ru: 'например, ABCDE-FGHJK', en: 'e.g. ABCDE-FGHJK' },
  enroll: { ru: 'Подключить', en: 'Enroll' },
  enrolling: { ru: 'Подключение…', en: 'Enrolling…' },
  enrolled: { ru: 'Киоск подключён к серверу.', en: 'The kiosk is enrolled with the hub.' },
  addressMissing: { ru: 'Введите адрес сервера, например http://192.168.1.10:5190.', en: 'Enter the hub address, e.g. http://192.168.1.10:5190.' },
  addressInvalid: {
    ru: 'Это не адрес сервера. Адрес выглядит так: http://192.168.1.10:5190.',
    en: 'This is not a hub address. A hub address looks like http://192.168.1.10:5190.',
  },
  codeMissing: { ru: 'Введите код подключения (не короче 4 знаков), который напечатал сервер.', en: 'Enter the enrollment code the hub printed (at least 4 characters).' },
  enrollFailed: {
    ru: 'Не удалось подключиться к серверу. Проверьте адрес, сеть и код подключения.',
    en: 'Could not enroll with the hub. Check the address, the network and the enrollment code.',
  },
  details: { ru: 'Подробности', en: 'Details' },
  // Visitors
  visitors: { ru: 'Для посетителей', en: 'For visitors' },
  idleTimeout: { ru: 'Сброс после бездействия', en: 'Start over after no touch for' },
  idleSaved: { ru: 'Время до сброса сохранено.', en: 'The idle timeout is saved.' },
  defaultLanguage: { ru: 'Язык по умолчанию', en: 'Default language' },
  languageSaved: { ru: 'Язык по умолчанию сохранён. Он действует для следующего посетителя.', en: 'The default language is saved. It applies from the next visitor.' },
  russian: { ru: 'Русский', en: 'Русский' },
  english: { ru: 'English', en: 'English' },
  // Presentation
  presentation: { ru: 'Презентация', en: 'Presentation' },
  notRunning: { ru: 'Презентация не идёт.', en: 'No presentation is running.' },
  running: { ru: 'Идёт презентация', en: 'A presentation is running' },
  playlist: { ru: 'Что показывать', en: 'What to show' },
  region: { ru: 'Регион', en: 'Region' },
  chooseRegion: { ru: 'Выберите регион.', en: 'Choose a region.' },
  interval: { ru: 'Смена слайда', en: 'Next slide after' },
  start: { ru: 'Начать презентацию', en: 'Start the presentation' },
  restart: { ru: 'Начать заново с этим выбором', en: 'Restart with this choice' },
  stop: { ru: 'Остановить презентацию', en: 'Stop the presentation' },
  startedBy: { ru: 'Запустил(а)', en: 'Started by' },
  endsAt: { ru: 'Закончится в', en: 'Ends at' },
  // Maintenance
  maintenance: { ru: 'Обслуживание', en: 'Maintenance' },
  reload: { ru: 'Перезагрузить экран', en: 'Reload the screen' },
  quit: { ru: 'Выйти на рабочий стол', en: 'Quit to the desktop' },
  // Actions
  recentActions: { ru: 'Последние действия персонала', en: 'Recent staff actions' },
  noActions: { ru: 'Действий пока нет.', en: 'No actions yet.' },
  // Presentation screen
  presentationLabel: { ru: 'Презентация', en: 'Presentation' },
  presentationNote: {
    ru: 'Идёт презентация. Киоск снова будет доступен после неё.',
    en: 'A presentation is running. The kiosk will be available again after it.',
  },
  slideOf: { ru: 'Слайд', en: 'Slide' },
  // Banner
  banner: { ru: 'Сообщение организаторов', en: 'A message from the organizers' },
} satisfies Record<string, Bilingual>;

export const playlistNames: Record<Playlist['kind'], Bilingual> = {
  route: { ru: 'Маршрут', en: 'The route' },
  featured: { ru: 'Избранные проекты', en: 'Featured projects' },
  on_stage: { ru: 'Сейчас на сцене', en: 'Now on stage' },
  region: { ru: 'Проекты региона', en: 'A region’s projects' },
};

export const sourceNames: Record<Presentation['source'], Bilingual> = {
  kiosk: { ru: 'на киоске', en: 'at the kiosk' },
  hub: { ru: 'с сервера', en: 'from the hub' },
  schedule: { ru: 'по расписанию', en: 'by the schedule' },
};

export const syncStateNames: Record<SyncStatusInfo['state'], Bilingual> = {
  not_enrolled: { ru: 'Не подключён к серверу', en: 'Not enrolled with a hub' },
  idle: { ru: 'Синхронизирован, ждёт следующей синхронизации', en: 'In sync, waiting for the next sync' },
  syncing: { ru: 'Идёт синхронизация', en: 'Syncing' },
  offline: { ru: 'Нет связи с сервером', en: 'The hub cannot be reached' },
  error: { ru: 'Ошибка синхронизации', en: 'Sync error' },
  blocked: { ru: 'Синхронизация остановлена', en: 'Sync is stopped' },
};

export const blockedNames: Record<Exclude<SyncStatusInfo['blocked'], ''>, Bilingual> = {
  upgrade_required: { ru: 'нужно обновить приложение', en: 'the app needs an update' },
  revoked: { ru: 'доступ киоска отозван на сервере', en: 'the kiosk’s access was revoked at the hub' },
  unauthorized: { ru: 'сервер не узнаёт этот киоск: подключите его заново', en: 'the hub does not know this kiosk: enroll it again' },
};

const actionNames: Record<string, Bilingual> = {
  login: { ru: 'вход', en: 'logged in' },
  logout: { ru: 'выход', en: 'logged out' },
  settings: { ru: 'настройки', en: 'settings' },
  enroll: { ru: 'подключение к серверу', en: 'enrolled with a hub' },
  enroll_failed: { ru: 'подключение не удалось', en: 'enrollment failed' },
  sync_now: { ru: 'синхронизация', en: 'sync now' },
  reload: { ru: 'перезагрузка экрана', en: 'screen reload' },
  quit: { ru: 'выход на рабочий стол', en: 'quit to the desktop' },
  presentation_start: { ru: 'презентация начата', en: 'presentation started' },
  presentation_stop: { ru: 'презентация остановлена', en: 'presentation stopped' },
};

/** A logged action in words ("настройки", "presentation started"); an unknown one as it was logged. */
export function actionName(action: StaffAction['action'], language: Language): string {
  return Object.hasOwn(actionNames, action) ? (actionNames[action]?.[language] ?? action) : action;
}

/** "12 с" / "1 мин" / "90 s": a number of seconds as staff choose it. */
export function formatSeconds(seconds: number, language: Language): string {
  if (seconds >= 60 && seconds % 60 === 0) return language === 'ru' ? `${seconds / 60} мин` : `${seconds / 60} min`;
  return language === 'ru' ? `${seconds} с` : `${seconds} s`;
}
