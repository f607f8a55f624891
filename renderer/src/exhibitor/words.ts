// The exhibitor screens' own words, Russian first, each next to its English. Shared kiosk words stay in i18n.ts.
import type { Bilingual, EditState, Language } from '../../../electron/shared/contract';

export const words = {
  // Login
  boothNumber: { ru: 'Номер стенда', en: 'Booth number' },
  boothHint: { ru: 'Номер стенда, как на табличке (например, A-12)', en: 'The booth number as on its sign (e.g. A-12)' },
  next: { ru: 'Далее', en: 'Next' },
  pin: { ru: 'PIN-код', en: 'PIN' },
  pinHint: { ru: 'Введите PIN-код. Цифры не показываются на экране.', en: 'Enter your PIN. The digits are not shown on the screen.' },
  pinPad: { ru: 'Цифры PIN-кода', en: 'PIN keypad' },
  changeBooth: { ru: 'Другой стенд', en: 'Another booth' },
  logIn: { ru: 'Войти', en: 'Log in' },
  retry: { ru: 'Попробовать ещё раз', en: 'Try again' },
  checking: { ru: 'Проверка…', en: 'Checking…' },
  wrongPin: { ru: 'Неверный номер стенда или PIN-код.', en: 'Wrong booth number or PIN.' },
  tryAgainNow: { ru: 'Можно попробовать снова.', en: 'You can try again now.' },
  sessionEnded: { ru: 'Сеанс завершён. Войдите снова: несохранённые изменения остались.', en: 'Your session ended. Log in again: your unsaved changes are kept.' },
  forgotPin: {
    ru: 'Забыли PIN-код? Обратитесь к организаторам на стойке регистрации.',
    en: 'Forgot your PIN? Ask the organizers at the registration desk.',
  },
  // After login
  booth: { ru: 'Стенд', en: 'Booth' },
  logOut: { ru: 'Выйти', en: 'Log out' },
  myEntries: { ru: 'Что можно изменить', en: 'What you can change' },
  myEdits: { ru: 'Мои правки', en: 'My edits' },
  boothEntry: { ru: 'Карточка стенда', en: 'Booth entry' },
  project: { ru: 'Проект', en: 'Project' },
  hiddenBadge: { ru: 'скрыт', en: 'hidden' },
  unsaved: { ru: 'есть несохранённые изменения', en: 'unsaved changes' },
  toList: { ru: 'К списку', en: 'Back to the list' },
  save: { ru: 'Сохранить', en: 'Save' },
  saving: { ru: 'Сохранение…', en: 'Saving…' },
  discard: { ru: 'Отменить изменения', en: 'Discard changes' },
  nothingChanged: { ru: 'Ничего не изменилось.', en: 'Nothing has changed.' },
  fixFields: { ru: 'Исправьте отмеченные поля: изменения не сохранены, но остались на экране.', en: 'Fix the marked fields: nothing was saved, and your changes are still here.' },
  russian: { ru: 'по-русски', en: 'in Russian' },
  english: { ru: 'по-английски', en: 'in English' },
  // Keyboard extras
  capital: { ru: 'Заглавная буква', en: 'Capital letter' },
  caretLeft: { ru: 'Курсор влево', en: 'Cursor left' },
  caretRight: { ru: 'Курсор вправо', en: 'Cursor right' },
  newLine: { ru: 'Новая строка', en: 'New line' },
  doneTyping: { ru: 'Скрыть клавиатуру', en: 'Hide the keyboard' },
  // Cover and visibility
  cover: { ru: 'Обложка', en: 'Cover' },
  noCover: { ru: 'Без обложки', en: 'No cover' },
  photo: { ru: 'Фото', en: 'Photo' },
  visible: { ru: 'Показывать посетителям', en: 'Show to visitors' },
  hiddenNotice: { ru: 'Проект скрыт: посетители его не увидят.', en: 'The project is hidden: visitors will not see it.' },
  addPhoto: { ru: 'Добавить фото', en: 'Add a photo' },
  uploading: { ru: 'Загрузка фото…', en: 'Uploading the photo…' },
  uploadFailed: { ru: 'Фото не загрузилось. Попробуйте другое.', en: 'The photo could not be uploaded. Try another one.' },
  // Preview
  preview: { ru: 'Так увидят посетители', en: 'What visitors will see' },
  previewLanguage: { ru: 'Язык предпросмотра', en: 'Preview language' },
  previewCard: { ru: 'Карточка в списках', en: 'Card in the lists' },
  previewPage: { ru: 'Страница проекта', en: 'Project page' },
  previewBlock: { ru: 'Блок экспонента на странице проекта', en: 'The exhibitor block on a project page' },
  // Edits
  noEdits: { ru: 'Правок с этого киоска пока нет.', en: 'No edits from this kiosk yet.' },
  reason: { ru: 'Причина', en: 'Reason' },
  hubVersion: { ru: 'Версия на сервере', en: 'Version on the server' },
  myVersion: { ru: 'Ваша версия', en: 'Your version' },
  empty: { ru: '(пусто)', en: '(empty)' },
  anotherPhoto: { ru: 'другое фото', en: 'another photo' },
  none: { ru: 'нет', en: 'none' },
  shown: { ru: 'показан', en: 'shown' },
  hidden: { ru: 'скрыт', en: 'hidden' },
  savedAt: { ru: 'Сохранено', en: 'Saved' },
  // My numbers
  myNumbers: { ru: 'Мои показатели', en: 'My numbers' },
  numbersAbout: {
    ru: 'Сколько раз посетители открывали ваши проекты и показывали их QR-код, по дням форума, на всех киосках.',
    en: 'How often visitors opened your projects and showed their QR codes, per forum day, on all kiosks.',
  },
  noNumbers: { ru: 'Показателей пока нет — они приходят с синхронизацией.', en: 'No figures yet — they arrive with sync.' },
  noProjects: { ru: 'У вас нет проектов, для которых считаются показатели.', en: 'You have no projects to show figures for.' },
  day: { ru: 'День', en: 'Day' },
  opens: { ru: 'Открыли', en: 'Opened' },
  qrShown: { ru: 'Показан QR-код', en: 'QR code shown' },
  total: { ru: 'Всего', en: 'Total' },
} satisfies Record<string, Bilingual>;

/** What each editable field is called, by its name without the language suffix. */
const fieldNames: Record<string, Bilingual> = {
  about: { ru: 'О компании', en: 'About' },
  hours: { ru: 'Часы работы стенда', en: 'Booth hours' },
  today: { ru: 'Сегодня на стенде', en: 'Today at our booth' },
  contact_name: { ru: 'Контактное лицо', en: 'Contact person' },
  phone: { ru: 'Телефон', en: 'Phone' },
  email: { ru: 'Эл. почта', en: 'Email' },
  website: { ru: 'Сайт', en: 'Website' },
  title: { ru: 'Название', en: 'Title' },
  summary: { ru: 'Кратко', en: 'Summary' },
  description: { ru: 'Описание', en: 'Description' },
  visiting: { ru: 'Для посетителей', en: 'Visiting' },
  cover_sha256: words.cover,
  hidden: words.visible,
};

/** A field's name without its language suffix, and that language ('about_ru' → about, ru). */
export function splitFieldName(name: string): { base: string; language: Language | null } {
  const match = /^(.*)_(ru|en)$/.exec(name);
  return match?.[1] ? { base: match[1], language: match[2] as Language } : { base: name, language: null };
}

export function fieldLabel(base: string): Bilingual {
  return fieldNames[base] ?? { ru: base, en: base };
}

/** The full name of one field, e.g. "Сегодня на стенде, по-русски". */
export function fieldTitle(name: string, language: Language): string {
  const { base, language: fieldLanguage } = splitFieldName(name);
  const label = fieldLabel(base)[language];
  if (!fieldLanguage) return label;
  return `${label}, ${(fieldLanguage === 'ru' ? words.russian : words.english)[language]}`;
}

/** Where an edit stands, as the exhibitor reads it. */
export const stateText: Record<EditState, Bilingual> = {
  saved: { ru: 'Сохранено на этом киоске, ждёт отправки', en: 'Saved here, waiting to be sent' },
  published: { ru: 'Опубликовано', en: 'Published' },
  review: { ru: 'Ждёт проверки организаторами', en: 'Waiting for review by the organizers' },
  approved: { ru: 'Одобрено и опубликовано', en: 'Approved and published' },
  rejected: { ru: 'Отклонено', en: 'Rejected' },
  conflict: { ru: 'Конфликт: запись тем временем изменили в другом месте', en: 'Conflict: the entry was changed elsewhere meanwhile' },
};

/** What the exhibitor hears after saving, by the new edit's state. */
export const savedText: Record<EditState, Bilingual> = {
  saved: {
    ru: 'Сохранено на этом киоске. Посетители уже видят изменения здесь; на другие киоски они уйдут, как только будет связь.',
    en: 'Saved on this kiosk. Visitors see the change here already; it goes to the other kiosks as soon as there is a connection.',
  },
  published: { ru: 'Сохранено и опубликовано.', en: 'Saved and published.' },
  review: { ru: 'Сохранено. Изменения появятся после проверки организаторами.', en: 'Saved. The change appears once the organizers have reviewed it.' },
  approved: { ru: 'Сохранено и одобрено.', en: 'Saved and approved.' },
  rejected: { ru: 'Правка отклонена.', en: 'The edit was rejected.' },
  conflict: { ru: 'Сохранено, но запись тем временем изменили в другом месте: см. «Мои правки».', en: 'Saved, but the entry was changed elsewhere meanwhile: see "My edits".' },
};

/** Problems with one field (the core's and the hub's stable codes), and reasons for a rejection. */
const problemText: Record<string, Bilingual> = {
  too_long: { ru: 'Слишком длинный текст.', en: 'The text is too long.' },
  invalid_characters: {
    ru: 'Есть недопустимые символы (невидимые или управляющие). Удалите их.',
    en: 'There are characters that are not allowed (invisible or control characters). Remove them.',
  },
  unknown_media: { ru: 'Это фото не относится к проекту.', en: 'This photo does not belong to the project.' },
  invalid_value: { ru: 'Недопустимое значение.', en: 'This value is not allowed.' },
  field_not_editable: { ru: 'Это поле меняют только организаторы.', en: 'Only the organizers can change this field.' },
  no_change: words.nothingChanged,
  not_owner: { ru: 'Запись принадлежит другому экспоненту.', en: 'The entry belongs to another exhibitor.' },
  proof_invalid: { ru: 'Правку не удалось подтвердить: войдите снова и повторите.', en: 'The edit could not be verified: log in again and repeat it.' },
  not_found: { ru: 'Этой записи больше нет.', en: 'This entry no longer exists.' },
};

/** A problem code in words; anything else (a reviewer's own words) is shown as it was written. */
export function problemMessage(code: string, language: Language): string {
  const known = Object.hasOwn(problemText, code) ? problemText[code] : undefined;
  return known ? known[language] : code;
}

/** "25 с", "2 мин 5 с": how long to wait. */
export function formatWait(seconds: number, language: Language): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const [min, sec] = language === 'ru' ? ['мин', 'с'] : ['min', 's'];
  if (minutes === 0) return `${rest} ${sec}`;
  return rest === 0 ? `${minutes} ${min}` : `${minutes} ${min} ${rest} ${sec}`;
}
