import type { Db } from '../../../db/connection';
import {
  getProject,
  getRoute,
  hallPlan,
  listClusters,
  listProjects,
  listRegions,
  listTags,
  programmeDays,
  programmeNowNext,
} from '../../../db/queries/catalog';
import { NotFoundError, type HandlerPart } from '../dispatch';

export function catalogHandlers(deps: { db: Db; now: () => Date }): HandlerPart {
  const { db } = deps;
  return {
    'regions.list': () => listRegions(db),
    'tags.list': () => listTags(db),
    'projects.list': ({ offset, limit, ...filter }) => listProjects(db, filter, offset, limit),
    'projects.get': ({ id }) => {
      const project = getProject(db, id);
      if (!project) throw new NotFoundError(`Project ${id}`);
      return project;
    },
    'clusters.list': () => listClusters(db),
    'route.get': ({ id }) => {
      const route = getRoute(db, id);
      if (!route) throw new NotFoundError(id ? `Route ${id}` : 'Route');
      return route;
    },
    'programme.days': () => programmeDays(db),
    'programme.nowNext': ({ at }) => {
      const instant = at ? new Date(at) : deps.now();
      return { at: instant.toISOString(), ...programmeNowNext(db, instant) };
    },
    'hall.plan': () => hallPlan(db),
  };
}
