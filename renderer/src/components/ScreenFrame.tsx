import type { ReactNode } from 'react';

/** Every screen's frame: one level-1 heading naming the screen, then its content in a scrolling area. */
export function ScreenFrame({ title, subtitle, actions, children }: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">{title}</h1>
          {subtitle && <p className="muted screen-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="screen-actions">{actions}</div>}
      </div>
      <div className="screen-body">{children}</div>
    </section>
  );
}
