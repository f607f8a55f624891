import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { ProjectGrid } from '../components/ProjectGrid';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import type { ScreenOf } from '../state/navigation';
import './browse.css';

/** One region: its name, district and summary, then its projects as cards. */
export function RegionScreen({ screen }: { screen: ScreenOf<'region'> }) {
  const { t, pick, errorMessage } = useI18n();
  const regions = useCall('regions.list', {});
  if (regions.status !== 'ok') {
    return (
      <ScreenFrame title={t('regions')}>
        <CallView state={regions}>{() => null}</CallView>
      </ScreenFrame>
    );
  }
  const region = regions.value.find((candidate) => candidate.id === screen.id);
  if (!region) {
    return (
      <ScreenFrame title={t('regions')}>
        <p className="notice" role="alert">
          {errorMessage('not_found')}
        </p>
      </ScreenFrame>
    );
  }
  return (
    <ScreenFrame title={pick(region.name)} subtitle={pick(region.district)}>
      <div className="browse-stack">
        {pick(region.summary) && <p className="lead">{pick(region.summary)}</p>}
        <ProjectGrid filter={{ regionId: region.id }} title={t('projects')} showRegion={false} />
      </div>
    </ScreenFrame>
  );
}
