import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Language, RegionSummary } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { ScreenFrame } from '../components/ScreenFrame';
import { countProjects, plural, useI18n } from '../i18n/i18n';
import { useNavigate, type ScreenOf } from '../state/navigation';
import './browse.css';

type View = 'map' | 'list';

// The view a visitor last chose, per session: Back from a region returns to the list if that is where they came from.
// A new session (after idle) starts with the map again.
let remembered: { session: number; view: View } | null = null;

/** Regions as a tile map of Russia (one equal square per region) or as an alphabetical list of participants. */
export function RegionsScreen({ screen }: { screen: ScreenOf<'regions'> }) {
  const { t, language } = useI18n();
  const { session } = useNavigate();
  const regions = useCall('regions.list', {});
  const [view, setView] = useState<View>(() => screen.view ?? (remembered?.session === session ? remembered.view : 'map'));
  const choose = (next: View) => {
    remembered = { session, view: next };
    setView(next);
  };

  const participating = regions.status === 'ok' ? regions.value.filter((region) => region.participating) : [];
  const total = participating.reduce((sum, region) => sum + region.projectCount, 0);
  const subtitle =
    regions.status === 'ok'
      ? `${plural(participating.length, language, ['регион-участник', 'региона-участника', 'регионов-участников'], ['participating region', 'participating regions'])} · ${countProjects(total, language)}`
      : undefined;

  return (
    <ScreenFrame
      title={t('regions')}
      subtitle={subtitle}
      actions={
        <div className="view-toggle" role="group" aria-label={language === 'ru' ? 'Вид' : 'View'}>
          <button type="button" className="chip" aria-pressed={view === 'map'} onClick={() => choose('map')}>
            {language === 'ru' ? 'Карта' : 'Map'}
          </button>
          <button type="button" className="chip" aria-pressed={view === 'list'} onClick={() => choose('list')}>
            {language === 'ru' ? 'Список' : 'List'}
          </button>
        </div>
      }
    >
      <CallView state={regions}>{(list) => (view === 'map' ? <RegionMap regions={list} /> : <RegionList regions={list} />)}</CallView>
    </ScreenFrame>
  );
}

/** "Омская область, 66 проектов": the accessible name of a tile and of a list row. */
function regionLabel(region: RegionSummary, language: Language): string {
  const name = region.name[language] || region.name.ru;
  if (!region.participating) return `${name}, ${language === 'ru' ? 'не участвует' : 'not taking part'}`;
  return `${name}, ${countProjects(region.projectCount, language)}`;
}

function RegionMap({ regions }: { regions: RegionSummary[] }) {
  const { language } = useI18n();
  const navigation = useNavigate();
  const labels = useMemo(() => cachedTileLabels(regions, language), [regions, language]);
  const columns = Math.max(...regions.map((region) => region.tile.col)) + 1;
  const rows = Math.max(...regions.map((region) => region.tile.row)) + 1;
  const most = Math.max(1, ...regions.map((region) => region.projectCount));
  const [viewport, tile] = useFittedTile(columns, rows);

  return (
    <div className="region-map-wrap">
      <div className="region-map-viewport" ref={viewport}>
        <ul
          className="region-map"
          aria-label={language === 'ru' ? 'Карта регионов' : 'Map of the regions'}
          style={{ '--cols': columns, '--rows': rows, '--fit': `${tile}px` } as CSSProperties}
        >
          {regions.map((region) => {
            const place = { gridColumn: region.tile.col + 1, gridRow: region.tile.row + 1 };
            const label = labels.get(region.id) ?? region.isoCode;
            if (!region.participating) {
              return (
                <li key={region.id} style={place}>
                  <span className="region-tile off">
                    <span className="tile-abbr" aria-hidden="true">
                      {label}
                    </span>
                    <span className="browse-sr-only">{regionLabel(region, language)}</span>
                  </span>
                </li>
              );
            }
            // Brighter for more projects (square root, so the host region does not wash out all the others).
            const strength = Math.round(35 + 65 * Math.sqrt(region.projectCount / most));
            return (
              <li key={region.id} style={place}>
                <button
                  type="button"
                  className="region-tile on"
                  style={{ '--strength': `${strength}%` } as CSSProperties}
                  aria-label={regionLabel(region, language)}
                  onClick={() => navigation.push({ name: 'region', id: region.id })}
                >
                  <span className="tile-abbr">{label}</span>
                  <span className="tile-count">{region.projectCount}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <p className="muted map-hint">
        {language === 'ru' ? 'Коснитесь региона, чтобы увидеть его проекты' : 'Touch a region to see its projects'}
      </p>
      <div className="map-legend" aria-hidden="true">
        <span>
          <i className="legend-swatch on" /> {language === 'ru' ? 'Регион-участник, число — проекты' : 'Participating region, number of projects'}
        </span>
        <span>
          <i className="legend-swatch off" /> {language === 'ru' ? 'Не участвует' : 'Not taking part'}
        </span>
      </div>
    </div>
  );
}

/** Gap between tiles, in pixels (the same as `--gap` in browse.css). */
const tileGap = 2;

/**
 * The largest square tile that fits the map's viewport, in pixels, measured before the first paint and whenever the
 * viewport changes size (orientation, text size). Measured here rather than with container query units in CSS: those
 * made the browser recompute the style of every tile in the middle of layout, about 30 ms per showing of the map on
 * the kiosk's software renderer.
 */
function useFittedTile(columns: number, rows: number) {
  const viewport = useRef<HTMLDivElement>(null);
  const [tile, setTile] = useState(0);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      const width = element.clientWidth;
      const height = element.clientHeight;
      // Nothing laid out to measure (not displayed): keep the last fit until there is.
      if (width === 0) return;
      const byWidth = (width - (columns - 1) * tileGap) / columns;
      // In portrait the map takes the height it needs (browse.css): only the width decides.
      const portrait = window.matchMedia('(orientation: portrait)').matches;
      const fitted = portrait ? byWidth : Math.min(byWidth, (height - (rows - 1) * tileGap) / rows);
      setTile(Math.floor(fitted * 100) / 100);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [columns, rows]);
  return [viewport, tile] as const;
}

function RegionList({ regions }: { regions: RegionSummary[] }) {
  const { language, locale, pick } = useI18n();
  const navigation = useNavigate();
  // 68 rows: sorting on every render costs nothing and follows the language at once.
  const sorted = regions.filter((region) => region.participating).sort((a, b) => pick(a.name).localeCompare(pick(b.name), locale));
  return (
    <ul className="list region-list" aria-label={language === 'ru' ? 'Регионы-участники' : 'Participating regions'}>
      {sorted.map((region) => (
        <li key={region.id}>
          <button
            type="button"
            className="row region-row"
            aria-label={regionLabel(region, language)}
            onClick={() => navigation.push({ name: 'region', id: region.id })}
          >
            <span className="region-row-name">
              <span className="card-title">{pick(region.name)}</span>
              <span className="muted">{pick(region.district)}</span>
            </span>
            <span className="count-pill">{countProjects(region.projectCount, language)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

// ---- Tile labels ----------------------------------------------------------------------------------------------

// Words that say what kind of region it is, not which one: "Омская область" is "Омск", not "Омск-обл".
const genericWords = new Set(['область', 'край', 'республика', 'автономный', 'автономная', 'округ', 'oblast', 'krai', 'republic', 'of', 'autonomous', 'okrug', 'the']);
// Vowels and signs are dropped from the skeleton ("Новосибирская" → "Нвсб"): consonants carry the word.
const silentLetter = /[аеёиоуыэюяйьъaeiouy]/i;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

function initials(parts: string[]): string {
  return parts.map((part) => part.charAt(0).toUpperCase()).join('');
}

/** "Омская" → "Омск", "Новосибирская" → "Новосибир": drops the adjective ending so the stem starts the label. */
function stem(word: string): string {
  let result = word.replace(/(ая|яя|ий|ый|ой)$/i, '');
  if (result.length > 5) result = result.replace(/ск$/i, '');
  return result.replace(/[ьъ]$/i, '');
}

/** Label candidates, best first; the last one (the ISO code's suffix) is unique by definition. */
function labelCandidates(name: string, isoCode: string): string[] {
  const main = name
    .split(/\s[—–]\s/)[0]!
    .replace(/\(.*?\)/g, ' ')
    .trim();
  const allWords = main.split(/\s+/);
  const words = allWords.filter((word) => !genericWords.has(word.toLowerCase()));
  const parts = words.flatMap((word) => word.split('-')).filter(Boolean);
  const autonomous = /автономн|autonomous/i.test(name);
  const cyrillic = /[а-яё]/i.test(name);
  const candidates: string[] = [];

  // Known shapes: ХМАО, ЯНАО, НАО, ЕАО; КБ, СП.
  if (autonomous) candidates.push(initials(parts) + (cyrillic ? 'АО' : 'AO'));
  else if (parts.length >= 2) candidates.push(initials(parts));

  const word = stem(parts.join(''));
  if (word.length <= 4) candidates.push(capitalise(word));
  const head = word.charAt(0).toUpperCase();
  const consonants = [...word.slice(1)].filter((letter) => !silentLetter.test(letter)).map((letter) => letter.toLowerCase());
  const skeletons: string[] = [];
  for (let a = 0; a < consonants.length; a += 1) {
    for (let b = a + 1; b < consonants.length; b += 1) {
      for (let c = b + 1; c < consonants.length; c += 1) skeletons.push(head + consonants[a] + consonants[b] + consonants[c]);
    }
  }
  if (skeletons.length === 0 && consonants.length > 0) skeletons.push(head + consonants.join(''));
  candidates.push(skeletons[0] ?? capitalise(word.slice(0, 4)));
  // "Московская область" after "Москва" took "Мскв": МО, as people write it.
  if (allWords.length >= 2) candidates.push(initials(allWords.flatMap((w) => w.split('-'))).slice(0, 4));
  candidates.push(...skeletons.slice(1), capitalise(word.slice(0, 4)), isoCode.replace(/^RU-/, ''));
  return candidates.filter((candidate) => candidate.length >= 2);
}

// Working the labels out takes a while (every region's candidates, ~15 ms on the kiosk); the map is shown again and
// again with the same list (use-call keeps it until the catalog changes), so each list is labelled once per language.
const labelled = new WeakMap<readonly RegionSummary[], Partial<Record<Language, Map<string, string>>>>();

function cachedTileLabels(regions: readonly RegionSummary[], language: Language): Map<string, string> {
  const known = labelled.get(regions) ?? {};
  const labels = known[language] ?? tileLabels(regions, language);
  labelled.set(regions, { ...known, [language]: labels });
  return labels;
}

/**
 * A short, unique label for every tile (2–4 letters), derived from the name in the visitor's language. Regions with
 * shorter names choose first, so the city of Moscow is "Мскв" and the oblast around it "МО".
 */
export function tileLabels(regions: readonly RegionSummary[], language: Language): Map<string, string> {
  const nameOf = (region: RegionSummary) => region.name[language] || region.name.ru;
  const order = [...regions].sort(
    (a, b) => nameOf(a).split(/\s+/).length - nameOf(b).split(/\s+/).length || a.isoCode.localeCompare(b.isoCode),
  );
  const used = new Set<string>();
  const labels = new Map<string, string>();
  for (const region of order) {
    const candidates = labelCandidates(nameOf(region), region.isoCode);
    const label = candidates.find((candidate) => !used.has(candidate.toLowerCase())) ?? region.isoCode;
    used.add(label.toLowerCase());
    labels.set(region.id, label);
  }
  return labels;
}
