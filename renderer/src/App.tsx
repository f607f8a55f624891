import { useEffect, useState } from 'react';
import type { Language } from '../../electron/shared/contract';
import { useCall } from './api/use-call';
import { CallView } from './components/CallView';
import { LanguageContext } from './i18n/i18n';
import { CatalogScreen } from './screens/CatalogScreen';

export function App() {
  const info = useCall('kiosk.info', {});
  const [language, setLanguage] = useState<Language | null>(null);
  const current: Language = language ?? (info.status === 'ok' ? info.value.defaultLanguage : 'ru');

  useEffect(() => {
    document.documentElement.lang = current;
  }, [current]);

  return (
    <LanguageContext.Provider value={current}>
      <CallView state={info}>
        {(value) => <CatalogScreen info={value} onToggleLanguage={() => setLanguage(current === 'ru' ? 'en' : 'ru')} />}
      </CallView>
    </LanguageContext.Provider>
  );
}
