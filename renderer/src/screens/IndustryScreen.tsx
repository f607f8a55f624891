import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { ProjectGrid } from '../components/ProjectGrid';
import { ScreenFrame } from '../components/ScreenFrame';
import { useI18n } from '../i18n/i18n';
import type { ScreenOf } from '../state/navigation';
import './browse.css';

/** One industry (tag): its projects from every region, as cards. */
export function IndustryScreen({ screen }: { screen: ScreenOf<'industry'> }) {
  const { t, pick, errorMessage } = useI18n();
  const tags = useCall('tags.list', {});
  if (tags.status !== 'ok') {
    return (
      <ScreenFrame title={t('industries')}>
        <CallView state={tags}>{() => null}</CallView>
      </ScreenFrame>
    );
  }
  const tag = tags.value.find((candidate) => candidate.id === screen.id);
  if (!tag) {
    return (
      <ScreenFrame title={t('industries')}>
        <p className="notice" role="alert">
          {errorMessage('not_found')}
        </p>
      </ScreenFrame>
    );
  }
  return (
    <ScreenFrame title={pick(tag.name)} subtitle={t('industries')}>
      <ProjectGrid filter={{ tagId: tag.id }} title={t('projects')} />
    </ScreenFrame>
  );
}
