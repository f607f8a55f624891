import { useId } from 'react';
import { useCall } from '../api/use-call';
import { ItemScreen } from '../components/ItemScreen';
import { imageSizes, MediaImage } from '../components/MediaImage';
import { ProjectGrid } from '../components/ProjectGrid';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import { useNavigate, type ScreenOf } from '../state/navigation';
import { useItemOpened } from '../state/usage';
import { membersCount } from './ClustersScreen';
import './browse.css';

/** One cluster: what it is, its members with their roles (exhibitors lead to the hall plan), and its projects. */
export function ClusterScreen({ screen }: { screen: ScreenOf<'cluster'> }) {
  const { t, pick, language } = useI18n();
  const navigation = useNavigate();
  const clusters = useCall('clusters.list', {});
  useItemOpened('cluster', clusters.status === 'ok' && clusters.value.some((cluster) => cluster.id === screen.id) ? screen.id : null);
  // Only for the booth numbers next to members that exhibit; the list works without it.
  const plan = useCall('hall.plan', {});
  const membersId = useId();

  const boothOf = (exhibitorId: string) => (plan.status === 'ok' ? plan.value.booths.find((booth) => booth.exhibitorId === exhibitorId)?.booth : undefined);

  return (
    <ItemScreen list={clusters} id={screen.id} listTitle={t('clusters')}>
      {(cluster) => (
        <ScreenFrame title={pick(cluster.name)} subtitle={t('clusters')}>
          <div className="browse-stack">
            <div className="cluster-about">
              <MediaImage media={cluster.cover} className="cluster-cover" sizes={imageSizes.page} />
              <p className="lead">{pick(cluster.about)}</p>
            </div>

            <section aria-labelledby={membersId}>
              <h2 id={membersId} className="section-heading">
                {language === 'ru' ? 'Участники' : 'Members'}
                <span className="section-count muted">{membersCount(cluster.members.length, language)}</span>
              </h2>
              <ul className="list member-list" aria-labelledby={membersId}>
                {cluster.members.map((member) => {
                  const booth = member.exhibitorId ? boothOf(member.exhibitorId) : undefined;
                  return (
                    <li key={member.id} className="member-row">
                      <span className="member-text">
                        <span className="card-title">{pick(member.name)}</span>
                        <span className="muted">
                          {pick(member.role)}
                          {booth && ` · ${t('booth')} ${booth}`}
                        </span>
                      </span>
                      {member.exhibitorId && (
                        <button
                          type="button"
                          className="button plan-button"
                          // The visible words first, then whose booth: several members may have this button.
                          aria-label={`${t('showOnPlan')}: ${pick(member.name)}`}
                          onClick={() => navigation.push({ name: 'hall', exhibitorId: member.exhibitorId ?? undefined })}
                        >
                          {t('showOnPlan')}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>

            <ProjectGrid filter={{ clusterId: cluster.id }} title={t('projects')} showRegion={false} />
          </div>
        </ScreenFrame>
      )}
    </ItemScreen>
  );
}
