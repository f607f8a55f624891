// The organizers' usage page (/staff/usage): what visitors did at the kiosks, counted per hour and kiosk, never per
// person (docs/privacy.md). Every figure is in a table, so the page is complete without script; the charts are drawn
// over the same figures by the hub's own script (usage-charts.js) from a JSON block, since the CSP forbids inline code.
import type { UsageSummary } from '../usage';
import { html, Html, type HtmlValue } from './html';
import { layout, type PageSession } from './pages';

/** Addresses of the scripts the page loads, both served by the hub (usage-routes.ts). */
export const chartLibraryPath = '/staff/vendor/chart.umd.min.js';
export const chartScriptPath = '/staff/usage-charts.js';

export type UsagePageState = {
  summary: UsageSummary;
  /** The days the filter offers, forum days marked. */
  days: readonly { day: string; forum: boolean }[];
  /** The chosen local day, or null for all days. */
  day: string | null;
};

/** One chart for the script: labels and values in order; 'columns' run along the x axis, 'bars' are horizontal with names. */
export type ChartSpec = { id: string; kind: 'columns' | 'bars'; title: string; labels: string[]; values: number[] };

const lengthLabels: Record<string, string> = {
  under_30s: 'до 30 с / under 30 s',
  '30s_1m': '30 с – 1 мин / 30 s – 1 min',
  '1m_3m': '1–3 мин / 1–3 min',
  '3m_10m': '3–10 мин / 3–10 min',
  over_10m: 'больше 10 мин / over 10 min',
};
const lengthOrder = Object.keys(lengthLabels);

const languageLabels: Record<string, string> = { ru: 'русский / Russian', en: 'английский / English' };

const accessibilityLabels: Record<string, string> = {
  large_text: 'Крупный текст / Larger text',
  high_contrast: 'Высокий контраст / High contrast',
  reach_mode: 'Всё внизу экрана / Everything within reach',
  reduced_motion: 'Без анимации / Reduced motion',
};

const topSections = [
  { metric: 'region', id: 'regions', title: 'Регионы / Regions' },
  { metric: 'project', id: 'projects', title: 'Проекты / Projects' },
  { metric: 'cluster', id: 'clusters', title: 'Кластеры / Clusters' },
  { metric: 'route_stop', id: 'route-stops', title: 'Остановки маршрута / Route stops' },
] as const;

/** Counts as people read them on a projector: digit groups split by a (non-breaking) space. */
const number = (n: number): string => n.toLocaleString('ru-RU');

/** 'YYYY-MM-DD' → '03.12.2026' (short: '03.12'). */
const dayText = (day: string, short = false): string => `${day.slice(8, 10)}.${day.slice(5, 7)}${short ? '' : `.${day.slice(0, 4)}`}`;
const two = (n: number): string => String(n).padStart(2, '0');
const hourRange = (hour: number): string => `${two(hour)}:00–${two((hour + 1) % 24)}:00`;

/**
 * Visits per local hour with the quiet hours inside each day filled in as zero, so that a chart's bars stand where the
 * hours are (a gap at lunch shows as a gap, not as two neighbouring bars).
 */
export function hoursWithGaps(byHour: UsageSummary['sessionsByHour']): UsageSummary['sessionsByHour'] {
  const out: UsageSummary['sessionsByHour'] = [];
  const days = [...new Set(byHour.map((h) => h.day))];
  for (const day of days) {
    const hours = byHour.filter((h) => h.day === day);
    const counted = new Map(hours.map((h) => [h.hour, h.sessions]));
    const first = Math.min(...hours.map((h) => h.hour));
    const last = Math.max(...hours.map((h) => h.hour));
    for (let hour = first; hour <= last; hour++) out.push({ day, hour, sessions: counted.get(hour) ?? 0 });
  }
  return out;
}

/** Visit lengths in their natural order, shortest first; buckets this page does not know go last, as sent. */
const orderedLengths = (lengths: UsageSummary['sessionLengths']) =>
  [...lengths].sort((a, b) => (lengthOrder.indexOf(a.bucket) + 1 || 99) - (lengthOrder.indexOf(b.bucket) + 1 || 99));

/** The figures the charts draw: the same numbers as the tables, the labels Russian first. */
export function chartSpecs(summary: UsageSummary, oneDay: boolean): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const add = (spec: ChartSpec) => {
    if (spec.values.length > 0) specs.push(spec);
  };
  const hours = hoursWithGaps(summary.sessionsByHour);
  add({
    id: 'hours',
    kind: 'columns',
    title: 'Визиты по часам / Visits per hour',
    labels: hours.map((h) => (oneDay ? `${two(h.hour)}:00` : `${dayText(h.day, true)} ${two(h.hour)}:00`)),
    values: hours.map((h) => h.sessions),
  });
  add({
    id: 'kiosks',
    kind: 'columns',
    title: 'Визиты по киоскам / Visits per kiosk',
    labels: summary.sessionsByKiosk.map((k) => k.name || k.deviceId.slice(0, 8)),
    values: summary.sessionsByKiosk.map((k) => k.sessions),
  });
  for (const section of topSections) {
    const items = summary.top[section.metric];
    add({ id: section.id, kind: 'bars', title: section.title, labels: items.map((i) => i.name), values: items.map((i) => i.count) });
  }
  add({ id: 'qr', kind: 'bars', title: 'Показы QR-кодов / QR codes shown', labels: summary.qrShown.map((i) => i.name), values: summary.qrShown.map((i) => i.count) });
  const lengths = orderedLengths(summary.sessionLengths);
  add({ id: 'lengths', kind: 'columns', title: 'Длительность визитов / Visit lengths', labels: lengths.map((l) => lengthLabels[l.bucket] ?? l.bucket), values: lengths.map((l) => l.count) });
  return specs;
}

/**
 * JSON to stand inside a <script type="application/json"> element. The browser does not decode entities there, so
 * instead every character that could end the element or open a comment (<, >, &) is written as a \u escape, which
 * JSON.parse reads back as the same character; U+2028 and U+2029 likewise, for older parsers.
 */
export function scriptJson(value: unknown): Html {
  return new Html(JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** A chart's place: hidden until the script draws into it, so a page without script shows no empty boxes. */
const chartSlot = (id: string, title: string): Html =>
  html`<figure class="chart" id="figure-${id}" hidden><canvas id="chart-${id}" role="img" aria-label="${title}"></canvas></figure>`;

const noData = html`<p class="empty">Нет данных / No data</p>`;

/** A table of (label, count) rows, with optional leading columns; empty lists say so instead. */
function countTable(caption: string, headers: readonly string[], rows: readonly (readonly HtmlValue[])[], className = 'counts'): Html {
  if (rows.length === 0) return noData;
  return html`<table class="${className}">
<caption>${caption}</caption>
<thead><tr>${headers.map((h, i) => html`<th scope="col"${i === headers.length - 1 ? html` class="num"` : null}>${h}</th>`)}</tr></thead>
<tbody>
${rows.map((cells) => html`<tr>${cells.map((cell, i) => (i === cells.length - 1 ? html`<td class="num">${cell}</td>` : html`<td>${cell}</td>`))}</tr>
`)}</tbody>
</table>`;
}

function filterForm(state: UsagePageState): Html {
  const query = state.day ? `?day=${state.day}` : '';
  return html`<form method="get" action="/staff/usage" class="usage-filter">
<label>День / Day
<select name="day">
<option value=""${state.day === null ? html` selected` : null}>Все дни / All days</option>
${state.days.map(
  (d) => html`<option value="${d.day}"${d.day === state.day ? html` selected` : null}>${dayText(d.day)}${d.forum ? ' — день форума / forum day' : ''}</option>
`,
)}</select></label>
<button type="submit">Показать / Show</button>
<span class="exports">Выгрузить / Export: <a href="/staff/usage.xlsx${query}" download>XLSX</a> · <a href="/staff/usage.csv${query}" download>CSV</a></span>
</form>`;
}

export function usagePage(session: PageSession, state: UsagePageState, scripts: readonly string[] = [chartLibraryPath, chartScriptPath]): Html {
  const { summary } = state;
  const hours = hoursWithGaps(summary.sessionsByHour);
  const oneDay = state.day !== null;
  const period = oneDay ? dayText(state.day ?? '') : 'все дни / all days';
  const topBlocks = topSections.map((section) => {
    const items = summary.top[section.metric];
    return html`<section id="top-${section.id}" class="usage-part">
<h3>${section.title}</h3>
${items.length ? chartSlot(section.id, section.title) : null}
${countTable(
  `${section.title}: открытия / opened`,
  ['№', 'Название / Name', 'Открыли / Opened'],
  items.map((item, i) => [i + 1, html`${item.name}${item.name === item.id ? null : html` <code>${item.id}</code>`}`, number(item.count)]),
)}
</section>`;
  });
  const lengths = orderedLengths(summary.sessionLengths);
  const body = html`<h1>Статистика посещений / Visitor statistics</h1>
<p class="meta">Только счётчики по часам и киоскам — никаких данных о людях. Время — местное время форума (${summary.timeZone}).<br>
Counts per hour and kiosk only — nothing about people. Times are the forum's local time (${summary.timeZone}).</p>
${filterForm(state)}

<section id="totals" class="usage-part">
<h2>Итого за ${period} / Totals</h2>
<dl class="totals">
<div><dt>Визиты / Visits</dt><dd id="total-sessions">${number(summary.totals.sessions)}</dd></div>
<div><dt>Поиски / Searches</dt><dd id="total-searches">${number(summary.totals.searches)}</dd></div>
<div><dt>Поиски без результата / Searches with no results</dt><dd id="total-empty-searches">${number(summary.totals.emptySearches)}</dd></div>
<div><dt>Показы QR-кодов / QR codes shown</dt><dd id="total-qr">${number(summary.totals.qrShown)}</dd></div>
</dl>
</section>

<section id="hours" class="usage-part">
<h2>Визиты по часам / Visits per hour</h2>
${hours.length ? chartSlot('hours', 'Визиты по часам / Visits per hour') : null}
${countTable(
  'Визиты по часам (местное время) / Visits per hour (local time)',
  ['День / Day', 'Час / Hour', 'Визиты / Visits'],
  hours.map((h) => [dayText(h.day), hourRange(h.hour), number(h.sessions)]),
)}
</section>

<section id="kiosks" class="usage-part">
<h2>Визиты по киоскам / Visits per kiosk</h2>
${summary.sessionsByKiosk.length ? chartSlot('kiosks', 'Визиты по киоскам / Visits per kiosk') : null}
${countTable(
  'Визиты по киоскам / Visits per kiosk',
  ['Киоск / Kiosk', 'Визиты / Visits'],
  summary.sessionsByKiosk.map((k) => [html`${k.name || '(без названия / unnamed)'} <code>${k.deviceId.slice(0, 8)}</code>`, number(k.sessions)]),
)}
</section>

<section id="top" class="usage-part">
<h2>Что смотрели чаще всего / Most opened</h2>
${topBlocks}
</section>

<section id="qr" class="usage-part">
<h2>Показы QR-кодов / QR codes shown</h2>
${summary.qrShown.length ? chartSlot('qr', 'Показы QR-кодов / QR codes shown') : null}
${countTable(
  'QR-коды проектов / Projects\u2019 QR codes',
  ['№', 'Проект / Project', 'Показы / Shown'],
  summary.qrShown.map((item, i) => [i + 1, html`${item.name}${item.name === item.id ? null : html` <code>${item.id}</code>`}`, number(item.count)]),
)}
</section>

<section id="empty-searches" class="usage-part">
<h2>Поиски без результата / Searches that found nothing</h2>
<p>Чего посетители искали, но не нашли: кандидаты в новый контент. / What visitors looked for and did not find: candidates for new content.</p>
${countTable(
  'Поиски без результата / Searches that found nothing',
  ['Запрос / Search term', 'Сколько раз / Times'],
  summary.emptySearches.map((s) => [html`<span class="term">${s.term}</span>`, number(s.count)]),
  'counts terms',
)}
</section>

<section id="searches" class="usage-part">
<h2>Частые поиски / Most frequent searches</h2>
${countTable(
  'Частые поиски / Most frequent searches',
  ['Запрос / Search term', 'Сколько раз / Times'],
  summary.searches.map((s) => [html`<span class="term">${s.term}</span>`, number(s.count)]),
  'counts terms',
)}
</section>

<section id="languages" class="usage-part">
<h2>Язык и специальные возможности / Language and accessibility</h2>
${countTable(
  'Переключения языка / Language switched to',
  ['Язык / Language', 'Сколько раз / Times'],
  summary.languages.map((l) => [languageLabels[l.language] ?? l.language, number(l.count)]),
)}
${countTable(
  'Включения режимов / Modes turned on',
  ['Режим / Mode', 'Сколько раз / Times'],
  summary.accessibility.map((a) => [accessibilityLabels[a.mode] ?? a.mode, number(a.count)]),
)}
</section>

<section id="lengths" class="usage-part">
<h2>Длительность визитов / Visit lengths</h2>
${lengths.length ? chartSlot('lengths', 'Длительность визитов / Visit lengths') : null}
${countTable(
  'Длительность визитов / Visit lengths',
  ['Длительность / Length', 'Визиты / Visits'],
  lengths.map((l) => [lengthLabels[l.bucket] ?? l.bucket, number(l.count)]),
)}
</section>

<script type="application/json" id="usage-figures">${scriptJson({ charts: chartSpecs(summary, oneDay) })}</script>`;
  return layout('Статистика / Usage', session, body, scripts);
}
