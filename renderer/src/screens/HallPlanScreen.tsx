import { useMemo, useState } from 'react';
import type { Bilingual, HallBooth, HallPlan, HallZone } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import { useKioskInfo } from '../state/kiosk-info';
import type { ScreenOf } from '../state/navigation';
import './find.css';

const words = {
  subtitle: { ru: 'Конгресс-холл, выставочный зал', en: 'Congress Hall, exhibition hall' },
  youAreHere: { ru: 'Вы здесь', en: 'You are here' },
  planLabel: { ru: 'План зала', en: 'Hall plan' },
  zones: { ru: 'Зоны зала', en: 'Hall zones' },
  wholeHall: { ru: 'Весь зал', en: 'Whole hall' },
  boothList: { ru: 'Стенды', en: 'Booths' },
  pathHint: { ru: 'Пунктир соединяет отметку «Вы здесь» со стендом.', en: 'The dashed line joins “You are here” to the booth.' },
  pickBooth: { ru: 'Коснитесь стенда на плане или выберите его в списке ниже.', en: 'Touch a booth on the plan or choose it from the list.' },
  showZone: { ru: 'Приблизить зону', en: 'Zoom to the zone' },
  zone: { ru: 'Зона', en: 'Zone' },
} satisfies Record<string, Bilingual>;

/** Room around the drawing, in plan units (the plan's own units; the demo hall is about 116 × 70). */
const margin = 3;
/** Space above each zone for its name. */
const labelSpace = 3;

export function HallPlanScreen({ screen }: { screen: ScreenOf<'hall'> }) {
  const { t, pick } = useI18n();
  const plan = useCall('hall.plan', {});
  return (
    <ScreenFrame title={t('hallPlan')} subtitle={pick(words.subtitle)}>
      <CallView state={plan}>{(value) => <HallView plan={value} initialExhibitorId={screen.exhibitorId} />}</CallView>
    </ScreenFrame>
  );
}

/** "A-2" < "A-10": booth numbers sort as people read them. */
function byBooth(a: HallBooth, b: HallBooth): number {
  return a.booth.localeCompare(b.booth, 'en', { numeric: true });
}

/** The letter booths of a zone share ("A" of "A-12"), shown on the plan and the chips. */
function zoneLetter(zone: HallZone, booths: readonly HallBooth[]): string {
  const booth = booths.find((b) => b.zoneId === zone.id);
  return booth?.booth.split('-')[0] ?? '';
}

function HallView({ plan, initialExhibitorId }: { plan: HallPlan; initialExhibitorId: string | undefined }) {
  const { pick, t } = useI18n();
  const { position } = useKioskInfo();
  const booths = useMemo(() => [...plan.booths].sort(byBooth), [plan.booths]);
  const zones = useMemo(() => [...plan.zones].sort((a, b) => zoneLetter(a, booths).localeCompare(zoneLetter(b, booths))), [plan.zones, booths]);
  const [selectedId, setSelectedId] = useState<string | null>(
    initialExhibitorId && booths.some((b) => b.exhibitorId === initialExhibitorId) ? initialExhibitorId : null,
  );
  const [zoneId, setZoneId] = useState<string | null>(null);
  const selected = booths.find((b) => b.exhibitorId === selectedId) ?? null;
  const zoneOf = (id: string | null) => plan.zones.find((z) => z.id === id) ?? null;
  const listed = zoneId ? booths.filter((b) => b.zoneId === zoneId) : booths;

  return (
    <div className="hall-layout">
      <div className="chips hall-zones" role="group" aria-label={pick(words.zones)}>
        <button type="button" className="chip" aria-pressed={zoneId === null} onClick={() => setZoneId(null)}>
          {pick(words.wholeHall)}
        </button>
        {zones.map((zone) => (
          <button key={zone.id} type="button" className="chip" aria-pressed={zoneId === zone.id} onClick={() => setZoneId(zone.id)}>
            <span className="zone-letter" aria-hidden="true">
              {zoneLetter(zone, booths)}
            </span>{' '}
            {pick(zone.name)}
          </button>
        ))}
      </div>

      <PlanDrawing plan={plan} booths={booths} position={position} selected={selected} zone={zoneOf(zoneId)} onSelect={setSelectedId} />

      <div className="hall-side">
        <section className="card booth-card" aria-live="polite" aria-labelledby={selected ? 'booth-card-title' : undefined}>
          <div className="card-body">
            {selected ? (
              <>
                <p className="eyebrow">
                  {t('booth')} {selected.booth}
                  {zoneOf(selected.zoneId) ? ` · ${pick(zoneOf(selected.zoneId)!.name)}` : ''}
                </p>
                <h2 id="booth-card-title">{pick(selected.name)}</h2>
                {position && <p className="muted">{pick(words.pathHint)}</p>}
                {selected.zoneId && selected.zoneId !== zoneId && (
                  <div>
                    <button type="button" className="button" onClick={() => setZoneId(selected.zoneId)}>
                      {pick(words.showZone)}
                    </button>
                  </div>
                )}
              </>
            ) : (
              <p className="muted">{pick(words.pickBooth)}</p>
            )}
          </div>
        </section>

        <ul className="list booth-list" aria-label={pick(words.boothList)}>
          {listed.map((booth) => (
            <li key={booth.exhibitorId}>
              <button type="button" className="row" aria-pressed={booth.exhibitorId === selectedId} onClick={() => setSelectedId(booth.exhibitorId)}>
                <span className="booth-number">{booth.booth}</span>{' '}
                <span className="booth-name">{pick(booth.name)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function PlanDrawing({
  plan,
  booths,
  position,
  selected,
  zone,
  onSelect,
}: {
  plan: HallPlan;
  booths: readonly HallBooth[];
  position: { x: number; y: number } | null;
  selected: HallBooth | null;
  zone: HallZone | null;
  onSelect: (exhibitorId: string) => void;
}) {
  const { pick, t } = useI18n();
  // The drawing covers the hall and the kiosk itself, which may stand outside every zone (at the entrance).
  const width = Math.max(plan.width, position ? position.x + 6 : 0) + 2 * margin;
  const height = Math.max(plan.height, position ? position.y + 4 : 0) + 2 * margin;

  // Zooming into a zone is a CSS transform on one group (animated by transition, transform only), so booths grow to
  // comfortable touch targets without redrawing the plan.
  let transform = 'none';
  if (zone) {
    const box = { x: zone.x + margin - 1, y: zone.y + margin - labelSpace - 1, w: zone.width + 2, h: zone.height + labelSpace + 2 };
    const scale = Math.min(width / box.w, height / box.h);
    const tx = width / 2 - scale * (box.x + box.w / 2);
    const ty = height / 2 - scale * (box.y + box.h / 2);
    transform = `translate(${tx.toFixed(2)}px, ${ty.toFixed(2)}px) scale(${scale.toFixed(3)})`;
  }

  const letters = new Map(plan.zones.map((z) => [z.id, zoneLetter(z, booths)]));

  return (
    <svg className="hall-plan" viewBox={`0 0 ${width} ${height}`} role="group" aria-label={pick(words.planLabel)}>
      <rect className="plan-floor" width={width} height={height} rx="1.5" />
      <g className="plan-zoom" style={{ transform }}>
        <g transform={`translate(${margin} ${margin})`}>
          {plan.zones.map((z) => {
            const name = `${letters.get(z.id) ?? ''} · ${pick(z.name)}`;
            // Zone names are also on the chips; on the plan a long one is shortened to its zone's width.
            const maxChars = Math.floor(z.width / 1.05);
            return (
              <g key={z.id} aria-hidden="true">
                <rect className={`plan-zone ${zone?.id === z.id ? 'active' : ''}`} x={z.x} y={z.y} width={z.width} height={z.height} rx="1" />
                <text className="plan-zone-label" x={z.x + 0.3} y={z.y - 0.8}>
                  {name.length > maxChars ? `${name.slice(0, maxChars - 1)}…` : name}
                </text>
              </g>
            );
          })}
          {/* A straight line, not a walking route: the plan has no aisles to route along. */}
          {position && selected && (
            <path
              className="plan-path"
              aria-hidden="true"
              d={`M${position.x} ${position.y} L${selected.x + selected.width / 2} ${selected.y + selected.height / 2}`}
            />
          )}
          {booths.map((booth) => {
            const isSelected = booth.exhibitorId === selected?.exhibitorId;
            return (
              <g
                key={booth.exhibitorId}
                className={`plan-booth ${isSelected ? 'selected' : ''}`}
                role="button"
                tabIndex={0}
                aria-pressed={isSelected}
                aria-label={`${t('booth')} ${booth.booth}, ${pick(booth.name)}`}
                onClick={() => onSelect(booth.exhibitorId)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') onSelect(booth.exhibitorId);
                }}
              >
                <rect x={booth.x} y={booth.y} width={booth.width} height={booth.height} rx="0.4" />
                <text x={booth.x + booth.width / 2} y={booth.y + booth.height / 2} dy="0.35em">
                  {booth.booth}
                </text>
              </g>
            );
          })}
          {position && (
            <g className="plan-here" role="img" aria-label={pick(words.youAreHere)}>
              <circle className="plan-here-halo" cx={position.x} cy={position.y} r="2.4" />
              <circle className="plan-here-dot" cx={position.x} cy={position.y} r="1.2" />
              <text x={position.x + 3} y={position.y} dy="0.35em">
                {pick(words.youAreHere)}
              </text>
            </g>
          )}
        </g>
      </g>
    </svg>
  );
}
