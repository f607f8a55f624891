// Demo pictures drawn as static SVG: no network, no binary assets in the repo, deterministic bytes.
// Only plain shapes, gradients and a "DEMO" mark: no scripts, event attributes, links or foreignObject,
// so the kiosk can show them even under the strictest image policy.
import type { Motif, Text } from './industries';
import type { Rng } from './random';

export type CoverMotif = Motif | 'route';
export type LogoShape = 'hex' | 'gear' | 'ring' | 'triangle' | 'diamond' | 'wave';

export type DemoImage = {
  svg: string;
  width: number;
  height: number;
  alt: Text;
  /** A short caption for galleries, e.g. «Сцепленные шестерни». */
  caption: Text;
};

type Palette = { skyTop: string; skyBottom: string; sun: string; ground: string; shape: string; accent: string };

export const palettes: readonly Palette[] = [
  { skyTop: '#1d2b64', skyBottom: '#f8cdda', sun: '#ffd27f', ground: '#2b2d42', shape: '#161629', accent: '#ef8354' },
  { skyTop: '#0f4c5c', skyBottom: '#9fd8cb', sun: '#fff3b0', ground: '#1e3d3a', shape: '#0b2422', accent: '#e36414' },
  { skyTop: '#5b86e5', skyBottom: '#d6ecff', sun: '#fff6d5', ground: '#e8eef5', shape: '#2c3e50', accent: '#2e86de' },
  { skyTop: '#232526', skyBottom: '#6b6e70', sun: '#f39c12', ground: '#1c1c1c', shape: '#0b0b0b', accent: '#e67e22' },
  { skyTop: '#41295a', skyBottom: '#c06c84', sun: '#f8b195', ground: '#2f0743', shape: '#1a0426', accent: '#f5a623' },
  { skyTop: '#134e5e', skyBottom: '#71b280', sun: '#f9f7d9', ground: '#0d3b2e', shape: '#062419', accent: '#f2c14e' },
];

const motifAlt: Record<CoverMotif, Text> = {
  factory: { ru: 'силуэт завода с дымящими трубами', en: 'a factory silhouette with smoking chimneys' },
  gears: { ru: 'сцепленные шестерни', en: 'interlocking gears' },
  pipeline: { ru: 'трубопроводы и резервуары', en: 'pipelines and tanks' },
  refinery: { ru: 'колонны и факел нефтехимического комбината', en: 'columns and the flare of a petrochemical works' },
  energy: { ru: 'градирня и линия электропередачи', en: 'a cooling tower and a power line' },
  circuit: { ru: 'дорожки печатной платы', en: 'circuit board traces' },
  plane: { ru: 'самолёт над сборочным цехом', en: 'an aircraft over the assembly hall' },
  field: { ru: 'поля и элеватор', en: 'fields and a grain elevator' },
  route: { ru: 'схема маршрута по Омску', en: 'a route map across Omsk' },
};

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Integer coordinates keep the text short and identical across platforms. */
const r = Math.round;

function header(width: number, height: number, p: Palette): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs>` +
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.skyBottom}"/></linearGradient>` +
    `<radialGradient id="glow"><stop offset="0" stop-color="${p.sun}" stop-opacity="0.9"/><stop offset="1" stop-color="${p.sun}" stop-opacity="0"/></radialGradient>` +
    `</defs>` +
    `<rect width="${width}" height="${height}" fill="url(#sky)"/>`
  );
}

function demoMark(width: number, height: number, scale: number): string {
  const w = r(150 * scale);
  const h = r(52 * scale);
  const x = width - w - r(28 * scale);
  const y = height - h - r(28 * scale);
  return (
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r(10 * scale)}" fill="#000000" fill-opacity="0.45"/>` +
    `<text x="${x + r(w / 2)}" y="${y + r(h * 0.7)}" font-family="Arial, Helvetica, sans-serif" font-size="${r(30 * scale)}" ` +
    `font-weight="700" letter-spacing="${r(4 * scale)}" fill="#ffffff" text-anchor="middle">DEMO</text>`
  );
}

function gearPath(cx: number, cy: number, radius: number, teeth: number): string {
  const points: string[] = [];
  const inner = radius * 0.8;
  for (let i = 0; i < teeth * 4; i++) {
    const angle = (i / (teeth * 4)) * Math.PI * 2;
    const rad = i % 4 === 1 || i % 4 === 2 ? radius : inner;
    points.push(`${r(cx + Math.cos(angle) * rad)},${r(cy + Math.sin(angle) * rad)}`);
  }
  return `M${points.join('L')}Z`;
}

function ground(p: Palette, rng: Rng, top: number): string {
  const a = top + rng.int(-30, 30);
  const b = top + rng.int(-40, 20);
  return `<path d="M0,${a} C400,${b - 60} 900,${b + 50} 1600,${top} L1600,1000 L0,1000 Z" fill="${p.ground}"/>`;
}

function sun(p: Palette, rng: Rng): string {
  const x = rng.int(250, 1350);
  const y = rng.int(160, 360);
  return `<circle cx="${x}" cy="${y}" r="260" fill="url(#glow)"/><circle cx="${x}" cy="${y}" r="${rng.int(60, 95)}" fill="${p.sun}"/>`;
}

function factory(p: Palette, rng: Rng): string {
  let out = '';
  let x = rng.int(40, 140);
  while (x < 1500) {
    const w = rng.int(180, 320);
    const h = rng.int(160, 300);
    const base = 760;
    const teeth = Math.max(2, Math.floor(w / 70));
    const step = w / teeth;
    let roof = `M${x},${base} L${x},${base - h}`;
    for (let i = 0; i < teeth; i++) {
      roof += ` L${r(x + step * i + step * 0.7)},${base - h - 50} L${r(x + step * (i + 1))},${base - h}`;
    }
    out += `<path d="${roof} L${r(x + w)},${base} Z" fill="${p.shape}"/>`;
    if (rng.chance(0.7)) {
      const cx = x + rng.int(20, w - 60);
      const ch = rng.int(140, 260);
      out += `<rect x="${cx}" y="${base - h - ch}" width="34" height="${ch}" fill="${p.shape}"/>`;
      out += `<rect x="${cx}" y="${base - h - ch + 24}" width="34" height="12" fill="${p.accent}"/>`;
      for (let s = 0; s < 3; s++) {
        out += `<circle cx="${cx + 17 + s * 40 + rng.int(0, 20)}" cy="${base - h - ch - 40 - s * 45}" r="${28 + s * 14}" fill="#ffffff" fill-opacity="${(0.35 - s * 0.08).toFixed(2)}"/>`;
      }
    }
    for (let wx = x + 24; wx < x + w - 30; wx += 48) {
      out += `<rect x="${wx}" y="${base - r(h * 0.55)}" width="24" height="36" fill="${p.accent}" fill-opacity="0.8"/>`;
    }
    x += w + rng.int(20, 90);
  }
  return out;
}

function gears(p: Palette, rng: Rng): string {
  const big = rng.int(230, 290);
  const cx = rng.int(520, 700);
  const cy = 560;
  const small = rng.int(130, 170);
  const sx = cx + big + small - 20;
  const sy = cy - rng.int(120, 200);
  return (
    `<path d="${gearPath(cx, cy, big, 14)}" fill="${p.shape}"/><circle cx="${cx}" cy="${cy}" r="${r(big * 0.32)}" fill="${p.accent}"/>` +
    `<circle cx="${cx}" cy="${cy}" r="${r(big * 0.14)}" fill="${p.shape}"/>` +
    `<path d="${gearPath(sx, sy, small, 9)}" fill="${p.shape}" fill-opacity="0.85"/><circle cx="${sx}" cy="${sy}" r="${r(small * 0.3)}" fill="${p.sun}"/>` +
    `<path d="${gearPath(sx + small + 90, sy + 260, 90, 8)}" fill="${p.accent}" fill-opacity="0.9"/>`
  );
}

function pipeline(p: Palette, rng: Rng): string {
  let out = '';
  for (let i = 0; i < 3; i++) {
    const y = 560 + i * 70 + rng.int(-10, 10);
    out += `<rect x="0" y="${y}" width="1600" height="34" rx="17" fill="${p.shape}" fill-opacity="${(0.95 - i * 0.15).toFixed(2)}"/>`;
    for (let x = rng.int(60, 160); x < 1600; x += rng.int(180, 260)) {
      out += `<rect x="${x}" y="${y - 8}" width="18" height="50" rx="4" fill="${p.accent}"/>`;
    }
  }
  for (let t = 0; t < 3; t++) {
    const x = 180 + t * 430 + rng.int(-40, 40);
    const h = rng.int(180, 260);
    out += `<rect x="${x}" y="${540 - h}" width="230" height="${h}" rx="24" fill="${p.shape}"/>`;
    out += `<ellipse cx="${x + 115}" cy="${540 - h}" rx="115" ry="26" fill="${p.accent}" fill-opacity="0.7"/>`;
  }
  return out;
}

function refinery(p: Palette, rng: Rng): string {
  let out = '';
  for (let i = 0; i < 6; i++) {
    const x = 120 + i * 200 + rng.int(-30, 30);
    const h = rng.int(260, 480);
    const w = rng.int(50, 80);
    out += `<rect x="${x}" y="${760 - h}" width="${w}" height="${h}" rx="${r(w / 2)}" fill="${p.shape}"/>`;
    for (let ring = 760 - h + 60; ring < 740; ring += 70) {
      out += `<rect x="${x - 8}" y="${ring}" width="${w + 16}" height="8" fill="${p.accent}" fill-opacity="0.85"/>`;
    }
  }
  const sx = rng.int(1300, 1420);
  out += `<circle cx="${sx}" cy="660" r="100" fill="${p.shape}"/>`;
  const fx = rng.int(60, 100);
  out += `<rect x="${fx}" y="180" width="20" height="580" fill="${p.shape}"/>`;
  out += `<path d="M${fx + 10},180 C${fx - 30},120 ${fx + 20},90 ${fx + 10},40 C${fx + 50},90 ${fx + 60},140 ${fx + 10},180 Z" fill="${p.accent}"/>`;
  return out;
}

function energy(p: Palette, rng: Rng): string {
  const x = rng.int(160, 360);
  let out =
    `<path d="M${x},760 C${x + 60},600 ${x + 60},450 ${x + 20},300 L${x + 300},300 C${x + 260},450 ${x + 260},600 ${x + 320},760 Z" fill="${p.shape}"/>` +
    `<ellipse cx="${x + 160}" cy="250" rx="150" ry="60" fill="#ffffff" fill-opacity="0.4"/>` +
    `<ellipse cx="${x + 200}" cy="180" rx="120" ry="50" fill="#ffffff" fill-opacity="0.25"/>`;
  const pylons = [800, 1100, 1400].map((px) => px + rng.int(-30, 30));
  for (const px of pylons) {
    out += `<path d="M${px - 70},770 L${px},330 L${px + 70},770 M${px - 120},420 L${px + 120},420 M${px - 90},500 L${px + 90},500 M${px - 50},600 L${px + 50},680 M${px + 50},600 L${px - 50},680" stroke="${p.shape}" stroke-width="12" fill="none"/>`;
  }
  for (let i = 0; i < 2; i++) {
    const y = 420 + i * 80;
    out += `<path d="M${(pylons[0] ?? 800) - 120},${y} Q${r(((pylons[0] ?? 800) + (pylons[1] ?? 1100)) / 2)},${y + 60} ${(pylons[1] ?? 1100) - 120},${y} T${(pylons[2] ?? 1400) - 120},${y} L1600,${y + 20}" stroke="${p.accent}" stroke-width="4" fill="none"/>`;
  }
  return out;
}

function circuit(p: Palette, rng: Rng): string {
  let out = `<rect x="0" y="0" width="1600" height="1000" fill="${p.ground}" fill-opacity="0.55"/>`;
  for (let i = 0; i < 16; i++) {
    const y = rng.int(60, 940);
    const x1 = rng.int(0, 700);
    const x2 = x1 + rng.int(200, 600);
    const y2 = y + rng.pick([-120, -60, 60, 120]);
    out += `<path d="M${x1},${y} L${x2},${y} L${x2 + 80},${y2} L${x2 + 360},${y2}" stroke="${p.accent}" stroke-width="8" fill="none" stroke-linejoin="round"/>`;
    out += `<circle cx="${x1}" cy="${y}" r="14" fill="${p.sun}"/><circle cx="${x2 + 360}" cy="${y2}" r="14" fill="${p.sun}"/>`;
  }
  const cx = rng.int(600, 900);
  const cy = rng.int(350, 550);
  out += `<rect x="${cx}" y="${cy}" width="300" height="300" rx="20" fill="${p.shape}"/>`;
  for (let k = 0; k < 6; k++) {
    out += `<rect x="${cx + 30 + k * 45}" y="${cy - 30}" width="18" height="30" fill="${p.sun}"/><rect x="${cx + 30 + k * 45}" y="${cy + 300}" width="18" height="30" fill="${p.sun}"/>`;
  }
  out += `<rect x="${cx + 70}" y="${cy + 70}" width="160" height="160" rx="12" fill="${p.accent}" fill-opacity="0.6"/>`;
  return out;
}

function plane(p: Palette, rng: Rng): string {
  const x = rng.int(700, 1000);
  const y = rng.int(220, 320);
  return (
    `<path d="M0,${y + 110} L${x - 120},${y + 40}" stroke="#ffffff" stroke-opacity="0.5" stroke-width="10"/>` +
    `<path d="M0,${y + 150} L${x - 120},${y + 60}" stroke="#ffffff" stroke-opacity="0.35" stroke-width="8"/>` +
    `<path d="M${x - 160},${y + 50} L${x + 260},${y - 30} Q${x + 330},${y - 40} ${x + 300},${y} L${x - 140},${y + 80} Z" fill="${p.shape}"/>` +
    `<path d="M${x},${y + 25} L${x + 80},${y + 170} L${x + 140},${y + 160} L${x + 90},${y + 5} Z" fill="${p.shape}"/>` +
    `<path d="M${x + 40},${y + 10} L${x + 40},${y - 140} L${x + 100},${y - 130} L${x + 130},${y - 5} Z" fill="${p.shape}"/>` +
    `<path d="M${x - 150},${y + 60} L${x - 190},${y - 40} L${x - 130},${y - 30} L${x - 90},${y + 45} Z" fill="${p.accent}"/>` +
    `<path d="M120,770 L120,600 Q560,430 1000,600 L1000,770 Z" fill="${p.shape}" fill-opacity="0.9"/>` +
    `<rect x="420" y="660" width="300" height="110" fill="${p.accent}" fill-opacity="0.6"/>`
  );
}

function field(p: Palette, rng: Rng): string {
  let out = '';
  for (let i = 0; i < 9; i++) {
    const x0 = -400 + i * 260;
    out += `<path d="M800,640 L${x0},1000 L${x0 + 130},1000 Z" fill="${p.accent}" fill-opacity="${(0.2 + (i % 3) * 0.12).toFixed(2)}"/>`;
  }
  const ex = rng.int(1050, 1250);
  for (let s = 0; s < 4; s++) {
    out += `<rect x="${ex + s * 62}" y="380" width="56" height="270" fill="${p.shape}"/><ellipse cx="${ex + s * 62 + 28}" cy="380" rx="28" ry="16" fill="${p.shape}"/>`;
  }
  out += `<rect x="${ex - 90}" y="300" width="80" height="350" fill="${p.shape}"/><path d="M${ex - 100},300 L${ex - 50},250 L${ex},300 Z" fill="${p.accent}"/>`;
  return out;
}

function route(p: Palette, rng: Rng): string {
  let out = `<rect x="0" y="0" width="1600" height="1000" fill="${p.ground}" fill-opacity="0.35"/>`;
  // The Irtysh crosses Omsk from south to north; a blue band reads as "river" at any palette.
  out += `<path d="M640,1000 C700,780 520,640 700,480 C860,340 760,180 900,0" stroke="#4aa3df" stroke-width="70" fill="none" stroke-opacity="0.8"/>`;
  for (let i = 0; i < 12; i++) {
    const y = 60 + i * 80;
    out += `<path d="M0,${y} L1600,${y + rng.int(-30, 30)}" stroke="#ffffff" stroke-opacity="0.12" stroke-width="6"/>`;
  }
  const stops: [number, number][] = [];
  for (let i = 0; i < 8; i++) {
    stops.push([180 + i * 175 + rng.int(-40, 40), 200 + ((i * 7) % 5) * 130 + rng.int(-30, 30)]);
  }
  out += `<path d="M${stops.map(([x, y]) => `${x},${y}`).join(' L')}" stroke="${p.accent}" stroke-width="14" stroke-dasharray="36 22" fill="none" stroke-linecap="round"/>`;
  for (const [x, y] of stops) {
    out += `<circle cx="${x}" cy="${y}" r="34" fill="${p.shape}"/><circle cx="${x}" cy="${y}" r="16" fill="${p.sun}"/>`;
  }
  return out;
}

const drawers: Record<CoverMotif, (p: Palette, rng: Rng) => string> = {
  factory,
  gears,
  pipeline,
  refinery,
  energy,
  circuit,
  plane,
  field,
  route,
};

export function coverImage(motif: CoverMotif, paletteIndex: number, rng: Rng): DemoImage {
  const p = palettes[paletteIndex % palettes.length] as Palette;
  const width = 1600;
  const height = 1000;
  const flat = motif === 'circuit' || motif === 'route';
  const body =
    header(width, height, p) +
    (flat ? '' : sun(p, rng)) +
    (flat ? '' : ground(p, rng, 770)) +
    drawers[motif](p, rng) +
    demoMark(width, height, 1.4) +
    '</svg>';
  const alt = motifAlt[motif];
  return {
    svg: body,
    width,
    height,
    alt: { ru: `Демонстрационная иллюстрация: ${alt.ru}`, en: `Demo illustration: ${alt.en}` },
    caption: { ru: capitalize(alt.ru), en: capitalize(alt.en) },
  };
}

function logoShape(shape: LogoShape, rng: Rng): string {
  const c = 400;
  switch (shape) {
    case 'hex': {
      const pts = Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i + Math.PI / 6;
        return `${r(c + Math.cos(a) * 230)},${r(c - 30 + Math.sin(a) * 230)}`;
      });
      return `<polygon points="${pts.join(' ')}" fill="none" stroke="#ffffff" stroke-width="44"/><circle cx="${c}" cy="${c - 30}" r="${rng.int(60, 90)}" fill="#ffffff"/>`;
    }
    case 'gear':
      return `<path d="${gearPath(c, c - 30, 240, 10)}" fill="#ffffff"/><circle cx="${c}" cy="${c - 30}" r="90" fill="#000000" fill-opacity="0.35"/>`;
    case 'ring':
      return `<circle cx="${c}" cy="${c - 30}" r="220" fill="none" stroke="#ffffff" stroke-width="50"/><circle cx="${c + rng.int(-60, 60)}" cy="${c - 30}" r="90" fill="#ffffff"/>`;
    case 'triangle':
      return `<path d="M${c},140 L${c + 250},580 L${c - 250},580 Z" fill="none" stroke="#ffffff" stroke-width="44" stroke-linejoin="round"/><path d="M${c},330 L${c + 95},500 L${c - 95},500 Z" fill="#ffffff"/>`;
    case 'diamond':
      return `<path d="M${c},140 L${c + 240},${c - 30} L${c},620 L${c - 240},${c - 30} Z" fill="#ffffff"/><path d="M${c},260 L${c + 120},${c - 30} L${c},500 L${c - 120},${c - 30} Z" fill="#000000" fill-opacity="0.3"/>`;
    case 'wave':
      return [0, 1, 2]
        .map((i) => {
          const y = 260 + i * 120;
          return `<path d="M150,${y} C260,${y - 90} 380,${y + 90} 500,${y} S650,${y - 60} 650,${y}" stroke="#ffffff" stroke-width="40" fill="none" stroke-linecap="round"/>`;
        })
        .join('');
  }
}

export function logoImage(shape: LogoShape, paletteIndex: number, rng: Rng): DemoImage {
  const p = palettes[paletteIndex % palettes.length] as Palette;
  const size = 800;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.accent}"/></linearGradient></defs>` +
    `<rect width="${size}" height="${size}" rx="120" fill="url(#bg)"/>` +
    logoShape(shape, rng) +
    demoMark(size, size, 1) +
    '</svg>';
  const alt = { ru: 'Демонстрационный логотип', en: 'Demo logo' };
  return { svg, width: size, height: size, alt, caption: alt };
}
