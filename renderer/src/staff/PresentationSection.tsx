import { useState } from 'react';
import type { Playlist } from '../../../electron/shared/contract';
import { useCall } from '../api/use-call';
import { useI18n } from '../i18n/i18n';
import { useForumTime } from '../state/kiosk-info';
import { Choices, NoteLine, Section, useErrorNote, type Note, type SectionProps } from './common';
import { formatSeconds, playlistNames, sourceNames, words } from './words';

/** Seconds per slide staff choose from (the contract allows 3 to 600). */
export const slideIntervals = [5, 8, 12, 20, 30, 60] as const;
/** The contract's `defaultSlideSeconds` (not imported: the renderer takes only types from the contract, no zod). */
const defaultSlideSeconds = 12;
const kinds: Playlist['kind'][] = ['route', 'featured', 'on_stage', 'region'];

/** Start a presentation (a playlist and the seconds per slide) or stop the one running. */
export function PresentationSection({ panel, setPanel, run, onStarted, onStopped }: SectionProps & { onStarted: () => void; onStopped: () => void }) {
  const { pick, language } = useI18n();
  const format = useForumTime();
  const errorNote = useErrorNote();
  const running = panel.presentation;
  const regions = useCall('regions.list', {});
  const participating = regions.status === 'ok' ? regions.value.filter((region) => region.participating).sort((a, b) => pick(a.name).localeCompare(pick(b.name))) : [];

  const [kind, setKind] = useState<Playlist['kind']>(running?.playlist.kind ?? 'route');
  const [regionId, setRegionId] = useState<string | null>(running?.playlist.kind === 'region' ? running.playlist.regionId : null);
  const [interval, setIntervalSeconds] = useState<number>(running?.intervalSeconds ?? defaultSlideSeconds);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);

  const playlistText = (playlist: Playlist) => {
    if (playlist.kind !== 'region') return pick(playlistNames[playlist.kind]);
    const region = regions.status === 'ok' ? regions.value.find((r) => r.id === playlist.regionId) : undefined;
    return `${pick(playlistNames.region)}: ${region ? pick(region.name) : playlist.regionId}`;
  };

  const start = async () => {
    if (busy) return;
    if (kind === 'region' && !regionId) return setNote({ kind: 'error', text: pick(words.chooseRegion) });
    const playlist: Playlist = kind === 'region' ? { kind, regionId: regionId ?? '' } : { kind };
    setBusy(true);
    const result = await run('presentation.start', { playlist, intervalSeconds: interval });
    setBusy(false);
    if (!result.ok) return setNote(errorNote(result.error));
    setPanel({ ...panel, presentation: result.value });
    onStarted();
  };

  const stop = async () => {
    if (busy) return;
    setBusy(true);
    const result = await run('presentation.stop', {});
    setBusy(false);
    if (!result.ok) return setNote(errorNote(result.error));
    setPanel({ ...panel, presentation: null });
    onStopped();
  };

  return (
    <Section id="presentation" title={words.presentation}>
      {running ? (
        <div className="staff-running" role="status">
          <p>
            <strong>{pick(words.running)}:</strong> {playlistText(running.playlist)}, {formatSeconds(running.intervalSeconds, language)}
          </p>
          <p className="muted staff-small">
            {pick(words.startedBy)}: {running.startedBy} ({pick(sourceNames[running.source])})
            {running.endsAt ? ` · ${pick(words.endsAt)} ${format(running.endsAt, language, { hour: '2-digit', minute: '2-digit' })}` : ''}
          </p>
        </div>
      ) : (
        <p className="muted">{pick(words.notRunning)}</p>
      )}
      <Choices
        label={pick(words.playlist)}
        options={kinds.map((value) => ({ value, text: pick(playlistNames[value]) }))}
        value={kind}
        onChoose={(value) => {
          setKind(value);
          setNote(null);
        }}
      />
      {kind === 'region' && (
        <Choices
          label={pick(words.region)}
          options={participating.map((region) => ({ value: region.id, text: pick(region.name) }))}
          value={regionId}
          onChoose={(value) => {
            setRegionId(value);
            setNote(null);
          }}
        />
      )}
      <Choices
        label={pick(words.interval)}
        options={slideIntervals.map((value) => ({ value, text: formatSeconds(value, language) }))}
        value={interval}
        onChoose={setIntervalSeconds}
      />
      <NoteLine note={note} />
      <div className="staff-actions">
        <button type="button" className="staff-button primary" disabled={busy} onClick={() => void start()}>
          {running ? pick(words.restart) : pick(words.start)}
        </button>
        {running && (
          <button type="button" className="staff-button danger" disabled={busy} onClick={() => void stop()}>
            {pick(words.stop)}
          </button>
        )}
      </div>
    </Section>
  );
}
