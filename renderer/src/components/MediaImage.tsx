import { useState } from 'react';
import type { MediaRef } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';

/**
 * An image from the kiosk's media store; a calm placeholder when there is none or it cannot be loaded (a row can
 * arrive before its image). Decoded off the main thread before it is shown, and never draggable.
 */
export function MediaImage({ media, className, decorative = false }: { media: MediaRef | null; className?: string; decorative?: boolean }) {
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
  return (
    <img
      className={className}
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
