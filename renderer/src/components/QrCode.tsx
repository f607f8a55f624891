import QRCode from 'qrcode';
import { useEffect, useMemo, useRef } from 'react';

/**
 * A QR code drawn on the kiosk as SVG rectangles (no network, no HTML strings), for a phone camera to take a link or a
 * contact card away. External addresses are only ever shown this way: the kiosk never navigates to them.
 * `onShown` is called once, the first time at least half of the code is on screen (not merely on the page below).
 */
export function QrCode({ value, label, size = 240, onShown }: { value: string; label: string; size?: number; onShown?: () => void }) {
  const path = useMemo(() => qrPath(value), [value]);
  const element = useRef<SVGSVGElement>(null);
  const shown = useRef(onShown);
  useEffect(() => {
    shown.current = onShown;
  }, [onShown]);
  const watched = onShown !== undefined;
  useEffect(() => {
    const target = element.current;
    if (!watched || !target) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        shown.current?.();
      },
      { threshold: 0.5 },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [watched]);

  return (
    <svg
      ref={element}
      className="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.extent} ${path.extent}`}
      shapeRendering="crispEdges"
      data-qr-value={value}
    >
      <rect width={path.extent} height={path.extent} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

// The same few codes (the route's link, the projects a visitor opens) come back again and again: each is encoded
// once. Bounded, so a long day cannot grow it.
const maxCached = 64;
const cache = new Map<string, { d: string; extent: number }>();

/** The code's dark modules as one SVG path, a run of adjacent modules in a row being one rectangle. */
function qrPath(value: string): { d: string; extent: number } {
  const known = cache.get(value);
  if (known) return known;
  const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  let d = '';
  for (let row = 0; row < count; row += 1) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col += 1;
        continue;
      }
      let end = col + 1;
      while (end < count && qr.modules.get(row, end)) end += 1;
      d += `M${col + 4} ${row + 4}h${end - col}v1h-${end - col}z`;
      col = end;
    }
  }
  const path = { d, extent: count + 8 };
  cache.set(value, path);
  if (cache.size > maxCached) cache.delete(cache.keys().next().value!);
  return path;
}
