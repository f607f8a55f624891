import { useDeferredValue, type ReactNode } from 'react';

/**
 * Every screen's frame: one level-1 heading naming the screen, then its content in a scrolling area.
 *
 * The content is drawn one step after the frame: the tap that opens a screen is answered in the next frame by the
 * screen with its heading and the Back button, and its content (a map of 83 tiles, a grid of pictures) follows in a
 * render React may interrupt, so that no single task holds the page for long.
 */
export function ScreenFrame({ title, subtitle, actions, children }: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const ready = useDeferredValue(true, false);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">{title}</h1>
          {subtitle && <p className="muted screen-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="screen-actions">{actions}</div>}
      </div>
      <div className="screen-body">{ready ? children : null}</div>
    </section>
  );
}
