import { useCall } from '../api/use-call';
import { CallView } from '../components/CallView';
import { ScreenFrame } from '../components/ScreenFrame';
import { countProjects, useI18n } from '../i18n/i18n';
import { useNavigate } from '../state/navigation';
import './browse.css';

/** Industries and themes (tags) as large cards with their project counts, alphabetical in the visitor's language. */
// No parameters: the registry's `{ screen }` prop is accepted and not needed (a function of fewer arguments fits).
export function IndustriesScreen() {
  const { t, pick, language, locale } = useI18n();
  const navigation = useNavigate();
  const tags = useCall('tags.list', {});
  return (
    <ScreenFrame title={t('industries')} subtitle={language === 'ru' ? 'Выберите отрасль, чтобы увидеть её проекты' : 'Choose an industry to see its projects'}>
      <CallView state={tags}>
        {(list) => (
          <ul className="industry-grid" aria-label={t('industries')}>
            {[...list]
              .sort((a, b) => pick(a.name).localeCompare(pick(b.name), locale))
              .map((tag) => (
                <li key={tag.id}>
                  <button type="button" className="industry-card" onClick={() => navigation.push({ name: 'industry', id: tag.id })}>
                    <span className="industry-name">{pick(tag.name)}</span>
                    <span className="muted">{countProjects(tag.projectCount, language)}</span>
                  </button>
                </li>
              ))}
          </ul>
        )}
      </CallView>
    </ScreenFrame>
  );
}
