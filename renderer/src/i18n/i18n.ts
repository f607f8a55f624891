import { createContext, useContext } from 'react';
import type { Bilingual, ErrorCode, Language } from '../../../electron/shared/contract';

const strings = {
  demoContent: { ru: 'Демонстрационные данные', en: 'Demo content' },
  dataAsOf: { ru: 'Данные на', en: 'Data as of' },
  switchLanguage: { ru: 'English', en: 'Русский' },
  switchLanguageLabel: { ru: 'Switch to English', en: 'Переключить на русский' },
  regions: { ru: 'Регионы', en: 'Regions' },
  projects: { ru: 'Проекты', en: 'Projects' },
  clusters: { ru: 'Кластеры Омской области', en: 'Omsk region clusters' },
  route: { ru: 'Маршрут', en: 'Route' },
  programme: { ru: 'Программа', en: 'Programme' },
  search: { ru: 'Поиск', en: 'Search' },
  searchPlaceholder: { ru: 'Проект, регион, стенд…', en: 'Project, region, booth…' },
  nothingFound: { ru: 'Ничего не найдено', en: 'Nothing found' },
  loading: { ru: 'Загрузка…', en: 'Loading…' },
  back: { ru: 'Назад', en: 'Back' },
  booth: { ru: 'Стенд', en: 'Booth' },
  visiting: { ru: 'Для туристов', en: 'For visitors' },
  minutes: { ru: 'мин', en: 'min' },
  servedOver: { ru: 'Связь с ядром', en: 'Core transport' },
  members: { ru: 'Участники', en: 'Members' },
} satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof strings;

const errorText: Record<ErrorCode, Bilingual> = {
  invalid_input: { ru: 'Запрос не понят киоском.', en: 'The kiosk did not understand the request.' },
  unknown_call: { ru: 'Киоск не знает такого запроса.', en: 'The kiosk does not know this request.' },
  not_found: { ru: 'Этого здесь больше нет.', en: 'This is no longer here.' },
  too_large: { ru: 'Слишком длинный запрос.', en: 'The request is too long.' },
  unavailable: { ru: 'Киоск не отвечает, попробуйте ещё раз.', en: 'The kiosk is not answering; please try again.' },
  internal: { ru: 'Что-то пошло не так, попробуйте ещё раз.', en: 'Something went wrong; please try again.' },
};

/** Russian plural forms: 1 проект, 2 проекта, 5 проектов (11–14 take the "many" form). */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

export function countProjects(n: number, language: Language): string {
  return language === 'ru' ? `${n} ${pluralRu(n, 'проект', 'проекта', 'проектов')}` : `${n} ${n === 1 ? 'project' : 'projects'}`;
}

export const LanguageContext = createContext<Language>('ru');

export function useI18n() {
  const language = useContext(LanguageContext);
  return {
    language,
    t: (key: StringKey) => strings[key][language],
    pick: (text: Bilingual) => text[language] || text.ru,
    errorMessage: (code: ErrorCode) => errorText[code][language],
  };
}
