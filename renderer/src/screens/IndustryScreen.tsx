import { useCall } from '../api/use-call';
import { ItemScreen } from '../components/ItemScreen';
import { ProjectGrid } from '../components/ProjectGrid';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import type { ScreenOf } from '../state/navigation';
import './browse.css';

/** One industry (tag): its projects from every region, as cards. */
export function IndustryScreen({ screen }: { screen: ScreenOf<'industry'> }) {
  const { t, pick } = useI18n();
  const tags = useCall('tags.list', {});
  return (
    <ItemScreen list={tags} id={screen.id} listTitle={t('industries')}>
      {(tag) => (
        <ScreenFrame title={pick(tag.name)} subtitle={t('industries')}>
          <ProjectGrid filter={{ tagId: tag.id }} title={t('projects')} />
        </ScreenFrame>
      )}
    </ItemScreen>
  );
}
