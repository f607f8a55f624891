import { useEffect, useState } from 'react';
import type { ErrorCode, ExhibitorStats } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';
import { useExhibitorHost } from './context';
import { words } from './words';

type State = { status: 'loading' } | { status: 'ok'; stats: ExhibitorStats } | { status: 'error'; code: ErrorCode };

/**
 * "My numbers": per project, how often visitors opened it and showed its QR code on each forum day, over all kiosks.
 * The hub adds the kiosks' counts up and sends the totals back with sync, so they are as fresh as the last sync
 * (on a kiosk) or the hub's last upkeep (in the portal); the view asks again whenever a sync brought changes.
 */
export function NumbersView({ onExpired }: { onExpired: () => void }) {
  const host = useExhibitorHost();
  const { t, pick, locale, errorMessage } = useI18n();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [refresh, setRefresh] = useState(0);

  useEffect(() => host.api.on('catalog.changed', () => setRefresh((n) => n + 1)), [host.api]);

  useEffect(() => {
    let current = true;
    void host.api.invoke('exhibitor.stats', {}).then((result) => {
      if (!current) return;
      if (result.ok) setState({ status: 'ok', stats: result.value });
      else if (result.error.code === 'unauthorized') onExpired();
      else setState({ status: 'error', code: result.error.code });
    });
    return () => {
      current = false;
    };
  }, [host.api, refresh, onExpired]);

  if (state.status === 'loading') return <p className="muted loading">{t('loading')}</p>;
  if (state.status === 'error') return <p className="notice" role="alert">{errorMessage(state.code)}</p>;
  const { days, projects } = state.stats;
  if (projects.length === 0) return <p className="notice">{pick(words.noProjects)}</p>;
  if (days.length === 0) return <p className="notice">{pick(words.noNumbers)}</p>;

  // A forum day is a calendar date, not a moment: shown as that date wherever the screen is.
  const dayName = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'long' });
  const number = (n: number) => n.toLocaleString(locale);

  return (
    <div className="exh-numbers">
      <p className="muted">{pick(words.numbersAbout)}</p>
      {projects.map((project) => {
        const total = project.perDay.reduce((sum, day) => ({ opens: sum.opens + day.opens, qrShown: sum.qrShown + day.qrShown }), { opens: 0, qrShown: 0 });
        return (
          <table key={project.id} className="exh-numbers-table">
            <caption>{pick(project.title)}</caption>
            <thead>
              <tr>
                <th scope="col">{pick(words.day)}</th>
                <th scope="col">{pick(words.opens)}</th>
                <th scope="col">{pick(words.qrShown)}</th>
              </tr>
            </thead>
            <tbody>
              {project.perDay.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{dayName(day.day)}</th>
                  <td>{number(day.opens)}</td>
                  <td>{number(day.qrShown)}</td>
                </tr>
              ))}
            </tbody>
            {project.perDay.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">{pick(words.total)}</th>
                  <td>{number(total.opens)}</td>
                  <td>{number(total.qrShown)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        );
      })}
    </div>
  );
}
