import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/connection';
import { loadDemoContent } from '../../../db/demo/generate';
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
import { MediaStore } from '../../../electron/core/media-store';

let db: Db;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-catalog-'));
  db = openDatabase(':memory:');
  loadDemoContent(db, new MediaStore(join(dir, 'media')));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('catalog queries over the demo forum', () => {
  it('list regions with the number of visible projects in each', () => {
    const regions = listRegions(db);
    const participating = regions.filter((r) => r.participating);
    expect(participating.length).toBeGreaterThanOrEqual(62);
    const total = regions.reduce((sum, r) => sum + r.projectCount, 0);
    expect(total).toBe(listProjects(db, {}, 0, 1).total);
    const omsk = regions.find((r) => r.id === 'omsk');
    expect(omsk?.name.ru).toBe('Омская область');
    expect(omsk?.projectCount).toBe(listProjects(db, { regionId: 'omsk' }, 0, 1).total);
  });

  it('page through projects without gaps or repeats', () => {
    const all = listProjects(db, {}, 0, 100);
    expect(all.total).toBeGreaterThanOrEqual(300);
    const seen = new Set<string>();
    for (let offset = 0; offset < all.total; offset += 37) {
      const page = listProjects(db, {}, offset, 37);
      expect(page.offset).toBe(offset);
      page.items.forEach((item) => seen.add(item.id));
    }
    expect(seen.size).toBe(all.total);
    expect(listProjects(db, {}, all.total, 10).items).toEqual([]);
  });

  it('filter projects by region, cluster, industry and featured', () => {
    const byRegion = listProjects(db, { regionId: 'omsk' }, 0, 100);
    expect(byRegion.items.every((p) => p.regionId === 'omsk')).toBe(true);
    const cluster = listClusters(db).find((c) => c.projectCount > 0)!;
    const byCluster = listProjects(db, { clusterId: cluster.id }, 0, 100);
    expect(byCluster.total).toBe(cluster.projectCount);
    expect(byCluster.items.every((p) => p.clusterId === cluster.id && p.kind === 'cluster')).toBe(true);
    const tag = listTags(db).find((t) => t.projectCount > 0)!;
    const byTag = listProjects(db, { tagId: tag.id }, 0, 100);
    expect(byTag.total).toBe(tag.projectCount);
    for (const item of byTag.items.slice(0, 5)) expect(getProject(db, item.id)?.tags.map((t) => t.id)).toContain(tag.id);
    const featured = listProjects(db, { featured: true }, 0, 100);
    expect(featured.total).toBeGreaterThan(0);
    expect(featured.items.every((p) => p.featured)).toBe(true);
    expect(listProjects(db, { regionId: 'no-such-region' }, 0, 10)).toEqual({ items: [], total: 0, offset: 0, limit: 10 });
  });

  it('give a project with its gallery, industries, exhibitor and booth', () => {
    const card = listProjects(db, {}, 0, 1).items[0]!;
    const project = getProject(db, card.id)!;
    expect(project.title.ru).not.toBe('');
    expect(project.title.en).not.toBe('');
    expect(project.media.length).toBeGreaterThan(0);
    expect(project.media[0]!.url).toMatch(/^\/media\/[0-9a-f]{64}$/);
    expect(project.tags.length).toBeGreaterThan(0);
    expect(project.exhibitor?.booth).toBe(project.booth);
    expect(project.cover?.mime).toBe('image/svg+xml');
    expect(getProject(db, 'no-such-project')).toBeNull();
  });

  it('hide tombstoned and hidden projects everywhere', () => {
    const [a, b] = listProjects(db, { regionId: 'omsk' }, 0, 2).items;
    const before = listProjects(db, { regionId: 'omsk' }, 0, 1).total;
    const omskBefore = listRegions(db).find((r) => r.id === 'omsk')!.projectCount;
    db.prepare('UPDATE projects SET deleted = 1 WHERE id = ?').run(a!.id);
    db.prepare('UPDATE projects SET hidden = 1 WHERE id = ?').run(b!.id);
    try {
      expect(getProject(db, a!.id)).toBeNull();
      expect(getProject(db, b!.id)).toBeNull();
      expect(listProjects(db, { regionId: 'omsk' }, 0, 1).total).toBe(before - 2);
      expect(listRegions(db).find((r) => r.id === 'omsk')!.projectCount).toBe(omskBefore - 2);
    } finally {
      db.prepare('UPDATE projects SET deleted = 0, hidden = 0 WHERE id IN (?, ?)').run(a!.id, b!.id);
    }
  });

  it('list the ten Omsk clusters with their members', () => {
    const clusters = listClusters(db);
    expect(clusters).toHaveLength(10);
    expect(clusters.every((c) => c.regionId === 'omsk' && c.members.length >= 3)).toBe(true);
  });

  it('give the route with its stops in order', () => {
    const route = getRoute(db, undefined)!;
    expect(route.name.ru).toBe('Индустриальная Сибирь – величие России');
    expect(route.stops.length).toBeGreaterThanOrEqual(8);
    expect(route.stops.map((s) => s.position)).toEqual(route.stops.map((_, i) => i + 1));
    expect(getRoute(db, route.id)?.id).toBe(route.id);
    expect(getRoute(db, 'no-such-route')).toBeNull();
  });

  it('group the programme by day and tell what is on now and next', () => {
    const days = programmeDays(db);
    expect(days).toHaveLength(2);
    const plenary = days[0]!.sessions.find((s) => s.kind === 'plenary')!;
    expect(plenary.title.ru).toContain("Промышленный туризм. Сегодня и завтра");
    const during = new Date(new Date(plenary.startsAt).getTime() + 60_000);
    const { now, next } = programmeNowNext(db, during);
    expect(now.map((s) => s.id)).toContain(plenary.id);
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((s) => new Date(s.startsAt) > during)).toBe(true);
    const before = programmeNowNext(db, new Date('2026-01-01T00:00:00Z'));
    expect(before.now).toEqual([]);
    expect(before.next[0]!.startsAt).toBe(days[0]!.sessions[0]!.startsAt);
    const after = programmeNowNext(db, new Date('2027-01-01T00:00:00Z'));
    expect(after).toEqual({ now: [], next: [] });
  });

  it('draw the hall plan with every exhibitor booth inside the plan', () => {
    const plan = hallPlan(db);
    expect(plan.zones.length).toBeGreaterThan(0);
    expect(plan.booths.length).toBeGreaterThanOrEqual(62);
    for (const booth of plan.booths) {
      expect(booth.x + booth.width).toBeLessThanOrEqual(plan.width);
      expect(booth.y + booth.height).toBeLessThanOrEqual(plan.height);
    }
  });
});
