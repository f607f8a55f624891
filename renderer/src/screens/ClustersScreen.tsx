import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { imageSizes, MediaImage } from '../components/MediaImage';
import { ScreenFrame } from '../components/ScreenFrame';
import { countProjects, plural, useI18n } from '../i18n/i18n';
import { useNavigate } from '../state/navigation';
import './browse.css';

// No parameters: the registry's `{ screen }` prop is accepted and not needed (a function of fewer arguments fits).
/** The Omsk region's industrial clusters as cards: cover, name, what they do, members and projects. */
export function ClustersScreen() {
  const { t, pick, language } = useI18n();
  const navigation = useNavigate();
  const clusters = useCall('clusters.list', {});
  return (
    <ScreenFrame title={t('clusters')}>
      <CallView state={clusters}>
        {(list) => (
          <ul className="card-grid cluster-grid" aria-label={t('clusters')}>
            {list.map((cluster) => (
              <li key={cluster.id}>
                <button type="button" className="card cluster-card" onClick={() => navigation.push({ name: 'cluster', id: cluster.id })}>
                  <MediaImage media={cluster.cover} className="card-thumb" sizes={imageSizes.card} decorative />
                  <span className="card-body">
                    <span className="card-title">{pick(cluster.name)}</span>
                    <span className="muted clamp">{pick(cluster.about)}</span>
                    <span className="card-facts">
                      <span className="count-pill">{membersCount(cluster.members.length, language)}</span>
                      <span className="count-pill">{countProjects(cluster.projectCount, language)}</span>
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </CallView>
    </ScreenFrame>
  );
}

export function membersCount(n: number, language: 'ru' | 'en'): string {
  return plural(n, language, ['участник', 'участника', 'участников'], ['member', 'members']);
}
