// `projects.get` for the portal's preview ("what visitors will see"): the same ProjectDetail a kiosk builds from its
// copy (db/queries/catalog.ts getProject), built here from the hub's records, for the exhibitor's own projects only.
import type { WireRow } from '../../db/sync-tables';
import type { Bilingual, Exhibitor, MediaRef, ProjectDetail, ProjectKind } from '../../electron/shared/contract';
import type { HubStore } from '../store/hub-store';
import { idKey, portalMediaUrl } from './entry';

const str = (row: WireRow | null | undefined, column: string): string => {
  const value = row?.[column];
  return typeof value === 'string' ? value : '';
};
const bi = (row: WireRow | null | undefined, name: string): Bilingual => ({ ru: str(row, `${name}_ru`), en: str(row, `${name}_en`) });
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

async function mediaRef(store: HubStore, sha256: unknown): Promise<MediaRef | null> {
  if (typeof sha256 !== 'string' || sha256 === '') return null;
  const row = (await store.getRecord('media', idKey(sha256)))?.row;
  if (!row) return null;
  return { sha256, url: portalMediaUrl(sha256), mime: str(row, 'mime'), width: num(row.width), height: num(row.height), alt: bi(row, 'alt'), thumbs: [] };
}

/** The project as visitors will see it, or null when it is not one of this exhibitor's projects. */
export async function ownProjectDetail(store: HubStore, exhibitorId: string, projectId: string): Promise<ProjectDetail | null> {
  const project = (await store.getRecord('projects', idKey(projectId)))?.row;
  if (!project || project.exhibitor_id !== exhibitorId) return null;
  const region = (await store.getRecord('regions', idKey(str(project, 'region_id'))))?.row;
  const cluster = project.cluster_id ? (await store.getRecord('clusters', idKey(String(project.cluster_id))))?.row : null;
  const exhibitorRow = (await store.getRecord('exhibitors', idKey(exhibitorId)))?.row ?? null;

  const tags: ProjectDetail['tags'] = [];
  for (const link of await store.listRecords('project_tags')) {
    if (link.row?.project_id !== projectId) continue;
    const tag = (await store.getRecord('tags', idKey(str(link.row, 'tag_id'))))?.row;
    if (tag) tags.push({ id: str(tag, 'id'), name: bi(tag, 'name') });
  }
  tags.sort((a, b) => a.name.ru.localeCompare(b.name.ru, 'ru'));

  const media: ProjectDetail['media'] = [];
  const links = (await store.listRecords('project_media'))
    .map((r) => r.row)
    .filter((row): row is WireRow => row?.project_id === projectId)
    .sort((a, b) => Number(a.position) - Number(b.position));
  for (const link of links) {
    const ref = await mediaRef(store, link.sha256);
    if (ref) media.push({ ...ref, caption: bi(link, 'caption') });
  }

  const exhibitor: Exhibitor | null = exhibitorRow
    ? {
        id: exhibitorId,
        name: bi(exhibitorRow, 'name'),
        about: bi(exhibitorRow, 'about'),
        booth: str(exhibitorRow, 'booth'),
        zoneId: typeof exhibitorRow.zone_id === 'string' ? exhibitorRow.zone_id : null,
        contactName: bi(exhibitorRow, 'contact_name'),
        phone: str(exhibitorRow, 'phone'),
        email: str(exhibitorRow, 'email'),
        website: str(exhibitorRow, 'website'),
        logo: await mediaRef(store, exhibitorRow.logo_sha256),
        hours: bi(exhibitorRow, 'hours'),
        today: bi(exhibitorRow, 'today'),
      }
    : null;

  return {
    id: projectId,
    kind: str(project, 'kind') as ProjectKind,
    title: bi(project, 'title'),
    summary: bi(project, 'summary'),
    regionId: str(project, 'region_id'),
    regionName: bi(region, 'name'),
    clusterId: typeof project.cluster_id === 'string' ? project.cluster_id : null,
    booth: exhibitor?.booth ?? null,
    featured: project.featured === 1,
    cover: await mediaRef(store, project.cover_sha256),
    description: bi(project, 'description'),
    visiting: bi(project, 'visiting'),
    linkUrl: str(project, 'link_url'),
    tags,
    media,
    exhibitor,
    clusterName: cluster ? bi(cluster, 'name') : null,
  };
}
