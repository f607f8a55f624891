import { createContext, useContext } from 'react';
import type { Bilingual, ErrorCode, Language } from '../../../electron/shared/contract';
import { useSettings } from '../state/settings';

// Strings shared by several screens. A screen's own words stay in the screen, written as { ru, en } and shown with
// `pick`, so every text has both languages next to each other.
const strings = {
  touchToStart: { ru: 'Коснитесь экрана, чтобы начать', en: 'Touch the screen to start' },
  demoContent: { ru: 'Демонстрационные данные', en: 'Demo content' },
  dataAsOf: { ru: 'Данные на', en: 'Data as of' },
  switchLanguage: { ru: 'English', en: 'Русский' },
  switchLanguageLabel: { ru: 'Switch to English', en: 'Переключить на русский' },
  back: { ru: 'Назад', en: 'Back' },
  home: { ru: 'На главную', en: 'Home' },
  accessibility: { ru: 'Специальные возможности', en: 'Accessibility' },
  close: { ru: 'Закрыть', en: 'Close' },
  regions: { ru: 'Регионы', en: 'Regions' },
  industries: { ru: 'Отрасли и темы', en: 'Industries and themes' },
  projects: { ru: 'Проекты', en: 'Projects' },
  clusters: { ru: 'Кластеры Омской области', en: 'Omsk region clusters' },
  route: { ru: 'Маршрут', en: 'Route' },
  programme: { ru: 'Программа', en: 'Programme' },
  hallPlan: { ru: 'Найти стенд', en: 'Find a booth' },
  search: { ru: 'Поиск', en: 'Search' },
  nothingFound: { ru: 'Ничего не найдено', en: 'Nothing found' },
  loading: { ru: 'Загрузка…', en: 'Loading…' },
  booth: { ru: 'Стенд', en: 'Booth' },
  minutes: { ru: 'мин', en: 'min' },
  now: { ru: 'Сейчас', en: 'Now' },
  next: { ru: 'Далее', en: 'Next' },
  showOnPlan: { ru: 'Показать на плане', en: 'Show on the plan' },
  scanToTake: { ru: 'Наведите камеру телефона, чтобы сохранить', en: 'Point your phone camera to take it with you' },
  stillThere: { ru: 'Вы ещё здесь?', en: 'Still there?' },
  continue: { ru: 'Продолжить', en: 'Continue' },
  startOver: { ru: 'Начать сначала', en: 'Start over' },
  textSize: { ru: 'Размер текста', en: 'Text size' },
  highContrast: { ru: 'Высокий контраст', en: 'High contrast' },
  reachMode: { ru: 'Всё внизу экрана', en: 'Everything within reach' },
  reducedMotion: { ru: 'Без анимации', en: 'Reduce motion' },
  noImage: { ru: 'Изображение недоступно', en: 'Image not available' },
  forExhibitors: { ru: 'Для экспонентов', en: 'For exhibitors' },
} satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof strings;

const errorText: Record<ErrorCode, Bilingual> = {
  invalid_input: { ru: 'Запрос не понят киоском.', en: 'The kiosk did not understand the request.' },
  unknown_call: { ru: 'Киоск не знает такого запроса.', en: 'The kiosk does not know this request.' },
  not_found: { ru: 'Этого здесь больше нет.', en: 'This is no longer here.' },
  too_large: { ru: 'Слишком длинный запрос.', en: 'The request is too long.' },
  unavailable: { ru: 'Киоск не отвечает, попробуйте ещё раз.', en: 'The kiosk is not answering; please try again.' },
  internal: { ru: 'Что-то пошло не так, попробуйте ещё раз.', en: 'Something went wrong; please try again.' },
  unauthorized: { ru: 'Нужно войти заново.', en: 'Please log in again.' },
  rate_limited: { ru: 'Слишком много попыток, подождите немного.', en: 'Too many attempts; please wait a moment.' },
};

/**
 * Shows what is inside in another language than the visitor's (an exhibitor previews the English version of an entry
 * while the kiosk speaks Russian). Null: the visitor's language.
 */
export const LanguageOverride = createContext<Language | null>(null);

/** Russian plural forms: 1 проект, 2 проекта, 5 проектов (11–14 take the "many" form). */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** A count with its noun in the right form: plural(n, lang, ['проект', 'проекта', 'проектов'], ['project', 'projects']). */
export function plural(n: number, language: Language, ru: [string, string, string], en: [string, string]): string {
  return language === 'ru' ? `${n} ${pluralRu(n, ...ru)}` : `${n} ${n === 1 ? en[0] : en[1]}`;
}

export function countProjects(n: number, language: Language): string {
  return plural(n, language, ['проект', 'проекта', 'проектов'], ['project', 'projects']);
}

export function useI18n() {
  const visitorLanguage = useSettings().settings.language;
  const language = useContext(LanguageOverride) ?? visitorLanguage;
  return {
    language,
    locale: language === 'ru' ? 'ru-RU' : 'en-GB',
    t: (key: StringKey) => strings[key][language],
    pick: (text: Bilingual) => text[language] || text.ru,
    errorMessage: (code: ErrorCode) => errorText[code][language],
  };
}
