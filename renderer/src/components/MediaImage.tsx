import { useState } from 'react';
import type { MediaRef } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';

/**
 * Where an image is shown, as the `sizes` of its srcset: the browser takes the narrowest of the picture's copies
 * (made by the hub, docs/sync-protocol.md) that covers this width at the screen's pixel density. Full-screen pictures
 * (the attract loop, presentations) are cropped to fill the screen and take the original.
 */
export const imageSizes = {
  /** A card in a grid: 14rem to about 30rem wide (larger text makes fewer, wider columns). */
  card: '480px',
  /** A detail page's gallery or cover: up to the width of a portrait screen. */
  page: '1080px',
} as const;

/** The srcset of a picture: its copies and the original, each with its width; '' when it has no copies. */
export function srcSetOf(media: MediaRef): string {
  if (media.thumbs.length === 0) return '';
  const candidates = media.thumbs.map((t) => `${t.url} ${t.width}w`);
  if (media.width !== null && media.width > (media.thumbs.at(-1)?.width ?? 0)) candidates.push(`${media.url} ${media.width}w`);
  return candidates.join(', ');
}

/**
 * An image from the kiosk's media store; a calm placeholder when there is none or it cannot be loaded (a row can
 * arrive before its image). With `sizes` it comes at the size shown, from the picture's smaller copies. Decoded off
 * the main thread before it is shown, and never draggable.
 */
export function MediaImage({
  media,
  className,
  decorative = false,
  sizes,
}: {
  media: MediaRef | null;
  className?: string;
  decorative?: boolean;
  sizes?: (typeof imageSizes)[keyof typeof imageSizes];
}) {
  const { pick, t } = useI18n();
  const [failed, setFailed] = useState(false);
  if (!media || failed) {
    return (
      <div className={`image-placeholder ${className ?? ''}`} role={decorative ? undefined : 'img'} aria-label={decorative ? undefined : t('noImage')}>
        <svg viewBox="0 0 48 48" aria-hidden="true">
          <path d="M6 38 18 22l8 10 6-7 10 13z" fill="currentColor" opacity="0.5" />
          <circle cx="34" cy="14" r="5" fill="currentColor" opacity="0.5" />
        </svg>
      </div>
    );
  }
  const srcSet = sizes ? srcSetOf(media) : '';
  return (
    <img
      className={className}
      srcSet={srcSet || undefined}
      sizes={srcSet ? sizes : undefined}
      src={media.url}
      alt={decorative ? '' : pick(media.alt)}
      width={media.width ?? undefined}
      height={media.height ?? undefined}
      decoding="async"
      draggable={false}
      onError={() => setFailed(true)}
    />
  );
}
