import type { ReactNode } from 'react';
import type { CallState } from '../api/use-call';
import { useI18n } from '../i18n/i18n';
import { CallView } from './CallView';
import { ScreenFrame } from './ScreenFrame';

/**
 * A screen about one item of a list call (a region, an industry, a cluster): while the list loads, or when the item
 * is gone (deleted by a sync while the visitor looked), it shows a calm frame titled `listTitle`.
 */
export function ItemScreen<T extends { id: string }>({
  list,
  id,
  listTitle,
  children,
}: {
  list: CallState<T[]>;
  id: string;
  listTitle: string;
  children: (item: T) => ReactNode;
}) {
  const { errorMessage } = useI18n();
  if (list.status !== 'ok') {
    return (
      <ScreenFrame title={listTitle}>
        <CallView state={list}>{() => null}</CallView>
      </ScreenFrame>
    );
  }
  const item = list.value.find((candidate) => candidate.id === id);
  if (!item) {
    return (
      <ScreenFrame title={listTitle}>
        <p className="notice" role="alert">
          {errorMessage('not_found')}
        </p>
      </ScreenFrame>
    );
  }
  return <>{children(item)}</>;
}
