import { schemaVersion, type Db } from '../../../db/connection';
import { forum, readSetting } from '../../../db/queries/catalog';
import type { KioskInfo, Language, UsageEvent } from '../../shared/contract';
import type { HandlerPart } from '../dispatch';

export const defaultIdleSeconds = 90;

function recoveryNotice(text: string | null): KioskInfo['recovery'] {
  if (!text) return null;
  try {
    const notice = JSON.parse(text) as { at?: unknown; problem?: unknown; restoredFrom?: unknown };
    return {
      at: typeof notice.at === 'string' ? notice.at : '',
      problem: typeof notice.problem === 'string' ? notice.problem : '',
      restoredFrom: typeof notice.restoredFrom === 'string' ? notice.restoredFrom : null,
    };
  } catch {
    return { at: '', problem: 'unreadable notice', restoredFrom: null };
  }
}

/** The kiosk's info as the renderer reads it; `idleSeconds` overrides the stored idle timeout for this run. */
export function readKioskInfo(db: Db, appVersion: string, idleSeconds: number | undefined): KioskInfo {
  const x = readSetting(db, 'kiosk.position.x');
  const y = readSetting(db, 'kiosk.position.y');
  const language = readSetting(db, 'kiosk.language');
  return {
    kioskId: readSetting(db, 'kiosk.id') ?? '',
    name: readSetting(db, 'kiosk.name') ?? 'Kiosk',
    appVersion,
    schemaVersion: schemaVersion(db),
    dataAsOf: readSetting(db, 'catalog.updated_at') ?? '',
    forum: forum(db),
    position: x !== null && y !== null ? { x: Number(x), y: Number(y) } : null,
    defaultLanguage: (language === 'en' ? 'en' : 'ru') satisfies Language,
    idleSeconds: idleSeconds ?? Number(readSetting(db, 'kiosk.idle_seconds') ?? defaultIdleSeconds),
    recovery: recoveryNotice(readSetting(db, 'recovery.notice')),
  };
}

export function kioskHandlers(deps: {
  kioskInfo: () => KioskInfo;
  setActivity: (activity: 'attract' | 'visit') => void;
  recordUsage: (event: UsageEvent) => void;
}): HandlerPart {
  return {
    'kiosk.activity': ({ activity }) => {
      deps.setActivity(activity);
      return null;
    },
    'usage.record': (event) => {
      deps.recordUsage(event);
      return null;
    },
    'kiosk.info': () => deps.kioskInfo(),
  };
}
