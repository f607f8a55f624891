import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code drawn on the kiosk as SVG rectangles (no network, no HTML strings), for a phone camera to take a link or a
 * contact card away. External addresses are only ever shown this way: the kiosk never navigates to them.
 */
export function QrCode({ value, label, size = 240 }: { value: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const count = qr.modules.size;
    let d = '';
    for (let row = 0; row < count; row += 1) {
      for (let col = 0; col < count; col += 1) {
        if (qr.modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { d, extent: count + 8 };
  }, [value]);

  return (
    <svg
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
