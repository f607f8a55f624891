import { useCall } from '../api/use-call';
import { ItemScreen } from '../components/ItemScreen';
import { ProjectGrid } from '../components/ProjectGrid';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import type { ScreenOf } from '../state/navigation';
import { useItemOpened } from '../state/usage';
import './browse.css';

/** One region: its name, district and summary, then its projects as cards. */
export function RegionScreen({ screen }: { screen: ScreenOf<'region'> }) {
  const { t, pick } = useI18n();
  const regions = useCall('regions.list', {});
  useItemOpened('region', regions.status === 'ok' && regions.value.some((region) => region.id === screen.id) ? screen.id : null);
  return (
    <ItemScreen list={regions} id={screen.id} listTitle={t('regions')}>
      {(region) => (
        <ScreenFrame title={pick(region.name)} subtitle={pick(region.district)}>
          <div className="browse-stack">
            {pick(region.summary) && <p className="lead">{pick(region.summary)}</p>}
            <ProjectGrid filter={{ regionId: region.id }} title={t('projects')} showRegion={false} />
          </div>
        </ScreenFrame>
      )}
    </ItemScreen>
  );
}
