import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Bilingual, maxSearchLength as contractMaxSearchLength, SearchHit, SearchKind, TextSegment } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { Marked } from '../components/Marked';
import { OnScreenKeyboard, type KeyboardAction } from '../components/OnScreenKeyboard';
import { ScreenFrame } from '../components/ScreenFrame';
import { plural, useI18n } from '../i18n/i18n';
import { useNavigate, type Screen, type ScreenOf } from '../state/navigation';
import { useSearchCounting } from '../state/usage';
import './find.css';

/**
 * The contract's limit on search text. Repeated here rather than imported: importing a value from the contract would
 * pull its zod schemas (and zod) into the renderer bundle. The type annotation makes the compiler check it stays equal.
 */
const maxSearchLength: typeof contractMaxSearchLength = 200;

/** Long enough to skip the calls between two quick taps, short enough to feel instant. */
const debounceMs = 120;
const resultLimit = 40;

const words = {
  placeholder: { ru: 'Проект, предприятие, регион, стенд…', en: 'Project, company, region, booth…' },
  start: { ru: 'Наберите слово на клавиатуре ниже или начните с подсказки:', en: 'Type a word on the keyboard below, or start with a suggestion:' },
  tryInstead: { ru: 'Проверьте написание или попробуйте:', en: 'Check the spelling, or try:' },
  suggestions: { ru: 'Подсказки', en: 'Suggestions' },
  results: { ru: 'Результаты поиска', en: 'Search results' },
  more: { ru: 'Показать ещё', en: 'Show more' },
  less: { ru: 'Свернуть', en: 'Show fewer' },
} satisfies Record<string, Bilingual>;

const groupNames: Record<SearchKind, Bilingual> = {
  project: { ru: 'Проекты', en: 'Projects' },
  exhibitor: { ru: 'Экспоненты', en: 'Exhibitors' },
  region: { ru: 'Регионы', en: 'Regions' },
  cluster: { ru: 'Кластеры', en: 'Clusters' },
  route_stop: { ru: 'Остановки маршрута', en: 'Route stops' },
  tag: { ru: 'Отрасли', en: 'Industries' },
};

/** How many hits a group shows before "show more", so every group is in sight without scrolling far. */
const groupPreview = 4;

/** The order groups are shown in: what visitors come for first. */
const groupOrder: readonly SearchKind[] = ['project', 'exhibitor', 'region', 'cluster', 'route_stop', 'tag'];

const suggestions: Record<'ru' | 'en', readonly string[]> = {
  ru: ['Омск', 'завод', 'экскурсия', 'сыр', 'космос'],
  en: ['Omsk', 'plant', 'tour', 'cheese', 'space'],
};

function target(hit: SearchHit): Screen {
  switch (hit.kind) {
    case 'project':
      return { name: 'project', id: hit.id };
    case 'region':
      return { name: 'region', id: hit.id };
    case 'cluster':
      return { name: 'cluster', id: hit.id };
    case 'route_stop':
      return { name: 'route', stopId: hit.id };
    case 'tag':
      return { name: 'industry', id: hit.id };
    case 'exhibitor':
      return { name: 'hall', exhibitorId: hit.id };
  }
}

export function SearchScreen({ screen }: { screen: ScreenOf<'search'> }) {
  const { t, pick, language } = useI18n();
  const navigation = useNavigate();
  // The text is this screen's own state: the shell remounts screens when the kiosk resets, so nothing typed survives.
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const trimmed = text.trim();

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(trimmed), debounceMs);
    return () => window.clearTimeout(timer);
  }, [trimmed]);

  const result = useCall('search', { q: query, limit: resultLimit });

  const onAction = useCallback((action: KeyboardAction) => {
    setText((current) => {
      if (action.type === 'clear') return '';
      if (action.type === 'backspace') return Array.from(current).slice(0, -1).join('');
      // No leading or doubled spaces: they change nothing in the results and only confuse the caret.
      if (action.text === ' ' && (current === '' || current.endsWith(' '))) return current;
      return (current + action.text).slice(0, maxSearchLength);
    });
  }, []);

  const suggest = (word: string) => {
    setText(word);
    setQuery(word);
  };

  const hits = result.status === 'ok' ? result.value.hits : [];
  const settled = result.status === 'ok' && result.value.query === query;
  // The search whose results are on screen (none while the field is empty), counted once the visitor stays with it.
  const countSearch = useSearchCounting(trimmed !== '' && result.status === 'ok' ? result.value.query : '', result.status === 'ok' ? hits.length : null);

  let body;
  if (trimmed === '') {
    body = <Suggestions intro={pick(words.start)} words={suggestions[language]} onPick={suggest} />;
  } else if (result.status === 'error') {
    body = <p className="notice">{t('nothingFound')}</p>;
  } else if (settled && hits.length === 0) {
    body = (
      <div className="search-empty">
        <h2 className="search-empty-title">{t('nothingFound')}</h2>
        <Suggestions intro={pick(words.tryInstead)} words={suggestions[language]} onPick={suggest} />
      </div>
    );
  } else {
    const open = (hit: SearchHit) => {
      countSearch();
      navigation.push(target(hit));
    };
    body = <Results key={result.status === 'ok' ? result.value.query : ''} hits={hits} onOpen={open} />;
  }

  return (
    <ScreenFrame title={t('search')}>
      <div className="search-layout" data-screen={screen.name}>
        <div className="search-top">
          <SearchField text={text} label={t('search')} placeholder={pick(words.placeholder)} />
          <p className="muted search-count" role="status">
            {trimmed !== '' && settled ? plural(hits.length, language, ['результат', 'результата', 'результатов'], ['result', 'results']) : ''}
          </p>
        </div>
        <div className="search-results">{body}</div>
        <div className="search-keyboard">
          <OnScreenKeyboard onAction={onAction} />
        </div>
      </div>
    </ScreenFrame>
  );
}

/**
 * The text being searched for, with a caret. Read-only with inputMode "none": a touch here must never bring up the
 * system keyboard. A read-only field draws no caret, so one is drawn after a hidden copy of the text.
 */
function SearchField({ text, label, placeholder }: { text: string; label: string; placeholder: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const mirrorRef = useRef<HTMLDivElement>(null);
  // Keep the end of a long text (where typing happens) in view, and move the drawn caret with it.
  useLayoutEffect(() => {
    const input = inputRef.current;
    const mirror = mirrorRef.current;
    if (!input || !mirror) return;
    input.scrollLeft = input.scrollWidth;
    mirror.style.transform = `translateX(${-input.scrollLeft}px)`;
  }, [text]);

  return (
    <div className="search-field">
      <svg className="search-icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="10" cy="10" r="7" stroke="currentColor" strokeWidth="2.5" fill="none" />
        <path d="m15 15 6 6" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <div className="search-input-wrap">
        <input
          ref={inputRef}
          className="search-input"
          type="search"
          readOnly
          inputMode="none"
          tabIndex={-1}
          aria-label={label}
          placeholder={placeholder}
          value={text}
          maxLength={maxSearchLength}
        />
        <div className="search-mirror" aria-hidden="true" ref={mirrorRef}>
          <span className="search-mirror-text">{text}</span>
          <span className="caret" />
        </div>
      </div>
    </div>
  );
}

function Suggestions({ intro, words: list, onPick }: { intro: string; words: readonly string[]; onPick: (word: string) => void }) {
  const { pick } = useI18n();
  return (
    <div className="search-suggestions">
      <p className="muted">{intro}</p>
      <div className="chips" role="group" aria-label={pick(words.suggestions)}>
        {list.map((word) => (
          <button key={word} type="button" className="chip" onClick={() => onPick(word)}>
            {word}
          </button>
        ))}
      </div>
    </div>
  );
}

function Results({ hits, onOpen }: { hits: readonly SearchHit[]; onOpen: (hit: SearchHit) => void }) {
  const { pick, language } = useI18n();
  const [expanded, setExpanded] = useState<ReadonlySet<SearchKind>>(new Set());
  const toggle = (kind: SearchKind) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  const segments = (text: { ru: TextSegment[]; en: TextSegment[] }) => (text[language].length > 0 ? text[language] : text.ru);
  const groups = groupOrder
    .map((kind) => ({ kind, hits: hits.filter((hit) => hit.kind === kind) }))
    .filter((group) => group.hits.length > 0);

  return (
    <div className="search-groups" aria-label={pick(words.results)} role="region">
      {groups.map((group) => (
        <section key={group.kind} className="search-group" aria-labelledby={`group-${group.kind}`}>
          <div className="search-group-head">
            <h2 id={`group-${group.kind}`}>{pick(groupNames[group.kind])}</h2>
            <span className="badge">{group.hits.length}</span>
          </div>
          <ul className="list" aria-label={pick(groupNames[group.kind])}>
            {(expanded.has(group.kind) ? group.hits : group.hits.slice(0, groupPreview)).map((hit) => (
              <li key={`${hit.kind}:${hit.id}`}>
                <button type="button" className="row search-hit" onClick={() => onOpen(hit)}>
                  <span className="search-hit-text">
                    <span className="card-title">
                      <Marked segments={segments(hit.title)} />
                    </span>{' '}
                    {segments(hit.snippet).length > 0 && (
                      <span className="muted search-snippet">
                        <Marked segments={segments(hit.snippet)} />
                      </span>
                    )}
                  </span>
                  <span aria-hidden="true" className="search-hit-arrow">
                    ›
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {group.hits.length > groupPreview && (
            <button type="button" className="button search-more" aria-expanded={expanded.has(group.kind)} onClick={() => toggle(group.kind)}>
              {expanded.has(group.kind) ? pick(words.less) : `${pick(words.more)}: ${group.hits.length - groupPreview}`}
            </button>
          )}
        </section>
      ))}
    </div>
  );
}
