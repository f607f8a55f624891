import type { Db } from '../../../db/connection';
import { searchCatalog } from '../../../db/queries/search';
import type { HandlerPart } from '../dispatch';

export function searchHandlers(deps: { db: Db }): HandlerPart {
  return {
    search: ({ q, limit }) => searchCatalog(deps.db, q, limit),
  };
}
