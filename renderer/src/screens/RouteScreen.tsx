import { useMemo, useState } from 'react';
import type { Bilingual, Language, Route, RouteStop } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { imageSizes, MediaImage } from '../components/MediaImage';
import { QrCode } from '../components/QrCode';
import { ScreenFrame } from '../components/ScreenFrame';
import { plural, useI18n } from '../i18n/i18n';
import { useAfterPaint } from '../state/after-paint';
import type { ScreenOf } from '../state/navigation';
import { useItemOpened } from '../state/usage';
import './find.css';

const words = {
  mapLabel: { ru: 'Схема маршрута', en: 'Route map' },
  stopsLabel: { ru: 'Остановки маршрута', en: 'Route stops' },
  stop: { ru: 'Остановка', en: 'Stop' },
  onMap: { ru: 'на схеме', en: 'on the map' },
  whatYouSee: { ru: 'Что вы увидите', en: 'What you will see' },
  duration: { ru: 'Продолжительность', en: 'Duration' },
  visiting: { ru: 'Дни и часы посещения', en: 'Visiting days and hours' },
  booking: { ru: 'Как записаться', en: 'How to book' },
  address: { ru: 'Адрес', en: 'Address' },
  pickStop: { ru: 'Коснитесь остановки на схеме или в списке, чтобы узнать о ней больше.', en: 'Touch a stop on the map or in the list to learn more.' },
  routeQr: { ru: 'QR-код: маршрут целиком на сайте', en: 'QR code: the whole route on its website' },
  takeRoute: { ru: 'Маршрут с собой', en: 'Take the route with you' },
  river: { ru: 'Иртыш', en: 'Irtysh' },
  om: { ru: 'Омь', en: 'Om' },
  showRoute: { ru: 'Весь маршрут', en: 'Whole route' },
} satisfies Record<string, Bilingual>;

/** Minutes as "1 ч 30 мин" / "1 h 30 min": visitors plan a day, so hours read better than 90 minutes. */
function formatDuration(minutes: number, language: Language): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = language === 'ru' ? 'ч' : 'h';
  const m = language === 'ru' ? 'мин' : 'min';
  if (hours === 0) return `${rest} ${m}`;
  return rest === 0 ? `${hours} ${h}` : `${hours} ${h} ${rest} ${m}`;
}

export function RouteScreen({ screen }: { screen: ScreenOf<'route'> }) {
  const { t, pick } = useI18n();
  const route = useCall('route.get', {});
  return (
    <CallView state={route}>
      {(value) => <RouteView key={value.id} route={value} initialStopId={screen.stopId} title={pick(value.name) || t('route')} />}
    </CallView>
  );
}

function RouteView({ route, initialStopId, title }: { route: Route; initialStopId: string | undefined; title: string }) {
  const { pick, language, t } = useI18n();
  const [selectedId, setSelectedId] = useState<string | null>(initialStopId && route.stops.some((s) => s.id === initialStopId) ? initialStopId : null);
  // The tapped stop is marked on the map and in the list in the very next frame; its details (text and picture)
  // follow in a render of their own once that frame is on screen.
  const detailsId = useAfterPaint(selectedId);
  const selected = route.stops.find((stop) => stop.id === detailsId) ?? null;
  useItemOpened('route_stop', selected?.id ?? null);
  const totalMinutes = route.stops.reduce((sum, stop) => sum + stop.durationMinutes, 0);

  const select = (id: string) => setSelectedId(id);

  return (
    <ScreenFrame
      title={title}
      subtitle={`${plural(route.stops.length, language, ['остановка', 'остановки', 'остановок'], ['stop', 'stops'])} · ${formatDuration(totalMinutes, language)}`}
    >
      <div className="route-layout">
        <RouteMap stops={route.stops} selectedId={selectedId} onSelect={select} />
        <ol className="list route-stops" aria-label={pick(route.name)}>
          {route.stops.map((stop) => (
            <li key={stop.id}>
              <button type="button" className="row stop-row" aria-pressed={stop.id === selectedId} onClick={() => select(stop.id)}>
                <span className="stop-number" aria-hidden="true">
                  {stop.position}
                </span>
                <span className="stop-row-text">
                  <span className="card-title">{pick(stop.enterprise)}</span>{' '}
                  <span className="muted">{pick(stop.title)}</span>
                </span>{' '}
                <span className="muted stop-row-time">{formatDuration(stop.durationMinutes, language)}</span>
              </button>
            </li>
          ))}
        </ol>
        <div className="route-details">
          <div className="card qr-card">
            <QrCode value={route.linkUrl} label={pick(words.routeQr)} size={128} />
            <div>
              <p className="card-title">{pick(words.takeRoute)}</p>
              <p className="muted">{t('scanToTake')}</p>
            </div>
          </div>
          {selected ? (
            <StopDetails stop={selected} onShowRoute={() => setSelectedId(null)} />
          ) : (
            <div className="card route-about">
              <MediaImage media={route.cover} className="route-cover" sizes={imageSizes.page} />
              <div className="card-body">
                <p>{pick(route.about)}</p>
                <p className="muted">{pick(words.pickStop)}</p>
              </div>
            </div>
          )}
        </div>
      </div>
    </ScreenFrame>
  );
}

function StopDetails({ stop, onShowRoute }: { stop: RouteStop; onShowRoute: () => void }) {
  const { pick, language } = useI18n();
  return (
    <article className="card stop-details" aria-labelledby="stop-title" key={stop.id}>
      <MediaImage media={stop.cover} className="route-cover" sizes={imageSizes.page} />
      <div className="card-body">
        <p className="eyebrow">
          {pick(words.stop)} {stop.position} · {pick(stop.enterprise)}
        </p>
        <h2 id="stop-title">{pick(stop.title)}</h2>
        <dl className="facts">
          <dt>{pick(words.whatYouSee)}</dt>
          <dd>{pick(stop.about)}</dd>
          <dt>{pick(words.duration)}</dt>
          <dd>{formatDuration(stop.durationMinutes, language)}</dd>
          <dt>{pick(words.visiting)}</dt>
          <dd>{pick(stop.visiting)}</dd>
          <dt>{pick(words.booking)}</dt>
          <dd>{pick(stop.booking)}</dd>
          <dt>{pick(words.address)}</dt>
          <dd>{pick(stop.address)}</dd>
        </dl>
        <div>
          <button type="button" className="button" onClick={onShowRoute}>
            {pick(words.showRoute)}
          </button>
        </div>
      </div>
    </article>
  );
}

// ---- The schematic map -------------------------------------------------------------------------------------

type Point = { x: number; y: number };

const mapWidth = 1000;
const pad = 70;
const markerRadius = 30;

/**
 * The Irtysh and the Om through Omsk, as rough latitude/longitude polylines: enough for a visitor to recognise
 * the city and the left and right banks, never a real map (no tiles, no network).
 */
const irtysh: readonly [number, number][] = [
  [54.9, 73.44],
  [54.935, 73.405],
  [54.962, 73.382],
  [54.985, 73.362],
  [55.01, 73.345],
  [55.04, 73.33],
  [55.07, 73.3],
  [55.1, 73.272],
];
const om: readonly [number, number][] = [
  [54.985, 73.362],
  [54.982, 73.385],
  [54.986, 73.41],
  [54.99, 73.45],
];

/** Latitude/longitude into the drawing, keeping the shape (a degree of longitude is shorter this far north). */
function projection(stops: readonly RouteStop[]) {
  const lats = stops.map((s) => s.latitude);
  const lons = stops.map((s) => s.longitude);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const midLat = (minLat + maxLat) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = (mapWidth - 2 * pad) / spanX;
  // Keep the drawing from getting too flat or too tall for the screen: clamp its aspect, centre the stops.
  const height = Math.min(Math.max(spanY * scale + 2 * pad, mapWidth * 0.6), mapWidth * 0.8);
  const fit = Math.min(scale, (height - 2 * pad) / spanY);
  const offsetX = (mapWidth - spanX * fit) / 2;
  const offsetY = (height - spanY * fit) / 2;
  const toPoint = (lat: number, lon: number): Point => ({ x: offsetX + (lon - minLon) * kx * fit, y: offsetY + (maxLat - lat) * fit });
  return { height, toPoint };
}

/**
 * A smooth line through the points in order (Catmull–Rom turned into cubic Béziers), with a low tension: stops far
 * apart would otherwise make the line swing wide of the city.
 */
function smoothPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  let d = `M${first.x.toFixed(1)} ${first.y.toFixed(1)}`;
  for (let i = 0; i < points.length - 1; i += 1) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    const c1 = { x: p1.x + (p2.x - p0.x) / 10, y: p1.y + (p2.y - p0.y) / 10 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 10, y: p2.y - (p3.y - p1.y) / 10 };
    d += ` C${c1.x.toFixed(1)} ${c1.y.toFixed(1)} ${c2.x.toFixed(1)} ${c2.y.toFixed(1)} ${p2.x.toFixed(1)} ${p2.y.toFixed(1)}`;
  }
  return d;
}

function RouteMap({ stops, selectedId, onSelect }: { stops: readonly RouteStop[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const { pick } = useI18n();
  const drawing = useMemo(() => {
    const { height, toPoint } = projection(stops);
    const points = stops.map((stop) => toPoint(stop.latitude, stop.longitude));
    return {
      height,
      points,
      line: smoothPath(points),
      irtysh: smoothPath(irtysh.map(([lat, lon]) => toPoint(lat, lon))),
      om: smoothPath(om.map(([lat, lon]) => toPoint(lat, lon))),
      riverLabel: toPoint(55.04, 73.33),
    };
  }, [stops]);

  return (
    <svg className="route-map" viewBox={`0 0 ${mapWidth} ${drawing.height.toFixed(0)}`} role="group" aria-label={pick(words.mapLabel)}>
      <rect className="map-ground" width={mapWidth} height={drawing.height} rx="24" />
      <g aria-hidden="true">
        <path className="map-river" d={drawing.irtysh} />
        <path className="map-river minor" d={drawing.om} />
        <text className="map-river-label" x={drawing.riverLabel.x + 26} y={drawing.riverLabel.y}>
          {pick(words.river)}
        </text>
        <path className="map-line" d={drawing.line} />
      </g>
      {stops.map((stop, index) => {
        const point = drawing.points[index]!;
        const selected = stop.id === selectedId;
        return (
          <g
            key={stop.id}
            className={`map-stop ${selected ? 'selected' : ''}`}
            role="button"
            tabIndex={0}
            aria-pressed={selected}
            aria-label={`${pick(words.stop)} ${stop.position} ${pick(words.onMap)}: ${pick(stop.enterprise)}`}
            onClick={() => onSelect(stop.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') onSelect(stop.id);
            }}
          >
            {/* A larger invisible circle keeps the touch target generous at any scale the map is drawn at. */}
            <circle className="map-hit" cx={point.x} cy={point.y} r={markerRadius + 12} />
            <circle className="map-marker" cx={point.x} cy={point.y} r={markerRadius} />
            <text className="map-number" x={point.x} y={point.y} dy="0.35em">
              {stop.position}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
