import type { Locator, Page } from '@playwright/test';
import type { Cluster, Page as ResultPage, ProjectCard, ProjectDetail, RegionSummary, TagSummary } from '../../electron/shared/contract';
import { expect, startVisit, test } from './fixtures';

// Each test is a whole visit through four or five screens; on a busy machine (parallel workers, each with its own
// kiosk) that takes 20–40 s, so these journeys get a minute instead of the default 30 s.
test.describe.configure({ timeout: 60_000 });

// Browsing as a visitor does it: regions (map and list), a region's projects, a project with its photos, QR code and
// booth, industries and clusters, in Russian and in English. Expected values come from the kiosk's own contract, so
// the tests follow the demo data instead of hard-coding it.

/** The kiosk's answer to a contract call, as the page itself would get it. */
async function call<T>(page: Page, name: string, input: object = {}): Promise<T> {
  const result = await page.evaluate(
    async ([callName, body]) => {
      const response = await fetch(`/api/call/${callName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return (await response.json()) as { ok: boolean; value: unknown };
    },
    [name, JSON.stringify(input)] as const,
  );
  expect(result.ok).toBe(true);
  return result.value as T;
}

/** Russian plural forms, written out again here so the test checks the app instead of reusing its code. */
function projectsRu(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} проект`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} проекта`;
  return `${n} проектов`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A finger swipe (real touch events, not a mouse) across an element, from right to left when dx < 0, at a finger's
 * speed: one move per frame of a 60 Hz touchscreen, 400 px in about 0.2 s. After it, a tap that came within a moment
 * got touch and pointer events but no click from Chromium: on a gallery dot in 2–4 runs out of 6 with the moves sent
 * back to back (a flick of some 20,000 px/s), 2 of 16 at a finger's speed, and once in a full run even after the
 * photo had settled in view.
 */
async function touchSwipe(page: Page, target: Locator, dx: number): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to swipe');
  const cdp = await page.context().newCDPSession(page);
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width / 2 - dx / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
  for (let step = 1; step <= 12; step += 1) {
    await page.waitForTimeout(16);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + (dx * step) / 12, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** A mouse drag across an element (the other way a gallery gets pulled). */
async function mouseDrag(page: Page, target: Locator, dx: number): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to drag');
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width / 2 - dx / 2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move(x0 + dx, y, { steps: 12 });
  await page.mouse.up();
}

async function openRegions(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Регионы/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Регионы' })).toBeVisible();
}

test('the map shows every participating region as a tile with its project count; the list view too @landscape', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  const regions = await call<RegionSummary[]>(page, 'regions.list');
  const participating = regions.filter((region) => region.participating);
  expect(participating.length).toBeGreaterThanOrEqual(62);

  await openRegions(page);
  await expect(page.getByRole('button', { name: 'Карта', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const map = page.getByRole('list', { name: 'Карта регионов' });
  const tiles = map.getByRole('button');
  await expect(tiles).toHaveCount(participating.length);
  // Every tile names its region and counts its projects in the right Russian form.
  await expect(map.getByRole('button', { name: /^.+, \d+ проект(а|ов)?$/ })).toHaveCount(participating.length);

  // Squares, every one an easy target.
  const omsk = map.getByRole('button', { name: /^Омская область, \d+ проект/ });
  const box = await omsk.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(48);
  expect(box?.height).toBeGreaterThanOrEqual(48);
  expect(Math.abs((box?.width ?? 0) - (box?.height ?? 0))).toBeLessThan(1);
  await expect(omsk).toHaveText(/^Омск\s*\d+$/);

  // "1 проект", "2 проекта", "5 проектов": one region for each form, found in the kiosk's data.
  for (const form of [1, 2, 5]) {
    const region = participating.find((candidate) => candidate.projectCount === form);
    expect(region, `a region with ${form} projects`).toBeDefined();
    await expect(map.getByRole('button', { name: `${region?.name.ru}, ${projectsRu(form)}`, exact: true })).toBeVisible();
  }

  // Regions without a stand are on the map, but not something to tap.
  const absent = regions.find((region) => !region.participating);
  expect(absent).toBeDefined();
  await expect(page.getByRole('button', { name: new RegExp(`^${escapeRegExp(absent?.name.ru ?? '')}`) })).toHaveCount(0);
  await expect(map.getByRole('listitem')).toHaveCount(regions.length);

  // The list: participants only, alphabetical, with counts.
  await page.getByRole('button', { name: 'Список', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Список', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const list = page.getByRole('list', { name: 'Регионы-участники' });
  await expect(list.getByRole('listitem')).toHaveCount(participating.length);
  const alphabetical = participating.map((region) => region.name.ru).sort((a, b) => a.localeCompare(b, 'ru'));
  await expect(list.getByRole('button').first()).toHaveAccessibleName(new RegExp(`^${escapeRegExp(alphabetical[0] ?? '')}, `));
  await expect(list.getByRole('button').last()).toHaveAccessibleName(new RegExp(`^${escapeRegExp(alphabetical.at(-1) ?? '')}, `));

  // From the list into a region and back: the list is still what the visitor chose.
  const omskRegion = regions.find((region) => region.id === 'omsk');
  await list.getByRole('button', { name: `Омская область, ${projectsRu(omskRegion?.projectCount ?? 0)}` }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
  await page.getByRole('button', { name: /Назад/ }).tap();
  await expect(page.getByRole('list', { name: 'Регионы-участники' })).toBeVisible();
  await page.getByRole('button', { name: 'Карта', exact: true }).tap();
  await expect(page.getByRole('list', { name: 'Карта регионов' })).toBeVisible();
});

test('from the map to a project: photos swipe, the QR code is there, the booth is shown on the plan @landscape', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  const first = await call<ResultPage<ProjectCard>>(page, 'projects.list', { regionId: 'omsk', offset: 0, limit: 24 });
  expect(first.total).toBeGreaterThan(24);
  // A project with at least three photos, so swiping forward and the next button each have somewhere to go.
  let chosen: ProjectDetail | undefined;
  for (const card of first.items) {
    const detail = await call<ProjectDetail>(page, 'projects.get', { id: card.id });
    if (detail.media.length >= 3) {
      chosen = detail;
      break;
    }
  }
  if (!chosen) throw new Error('no Omsk project with three photos in the first page');
  const project = chosen;
  const photos = project.media.length;

  await openRegions(page);
  await page.getByRole('list', { name: 'Карта регионов' }).getByRole('button', { name: /^Омская область/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
  const projects = page.getByRole('list', { name: 'Проекты' });
  await expect(projects.getByRole('listitem')).toHaveCount(24);
  await expect(page.getByText(`Показано 24 из ${first.total}`)).toBeVisible();
  await page.getByRole('button', { name: 'Показать ещё' }).tap();
  await expect(projects.getByRole('listitem')).toHaveCount(Math.min(48, first.total));

  await projects.getByRole('button', { name: new RegExp(`^${escapeRegExp(project.title.ru)} Стенд`) }).first().tap();
  await expect(page.getByRole('heading', { level: 1, name: project.title.ru })).toBeVisible();

  // The gallery: the first photo, then a drag, the next button, a dot and a finger swipe. The swipe comes last: a tap
  // within a moment of a finger's flick sometimes gets no click from Chromium here (touchSwipe), which no test
  // should hang on; whether a touchscreen does the same is for the kiosks' own hardware to tell.
  const dot = (n: number) => page.getByRole('button', { name: `Фото ${n} из ${photos}`, exact: true });
  const slide = (n: number) => page.getByRole('group', { name: `Фото ${n} из ${photos}` });
  await expect(dot(1)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByText(project.media[0]?.caption.ru ?? '').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Предыдущее фото' })).toBeDisabled();
  for (const image of await slide(1).getByRole('img').all()) await expect(image).toHaveAttribute('draggable', 'false');

  await mouseDrag(page, slide(1), -400);
  await expect(dot(2)).toHaveAttribute('aria-current', 'true');
  await expect(dot(1)).not.toHaveAttribute('aria-current', 'true');
  await expect(slide(2)).toBeInViewport({ ratio: 0.9 });

  await page.getByRole('button', { name: 'Следующее фото' }).tap();
  await expect(dot(3)).toHaveAttribute('aria-current', 'true');
  await expect(slide(3)).toBeInViewport({ ratio: 0.9 });

  await dot(1).tap();
  await expect(dot(1)).toHaveAttribute('aria-current', 'true');
  await expect(slide(1)).toBeInViewport({ ratio: 0.9 });

  await touchSwipe(page, slide(1), -400);
  await expect(dot(2)).toHaveAttribute('aria-current', 'true');
  await expect(slide(2)).toBeInViewport({ ratio: 0.9 });

  // What to take away: the QR code made on the kiosk, contacts as plain text, no links anywhere.
  const qr = page.getByRole('img', { name: 'Наведите камеру телефона, чтобы сохранить' });
  await qr.scrollIntoViewIfNeeded();
  await expect(qr).toBeVisible();
  await expect(page.getByRole('link')).toHaveCount(0);
  if (project.exhibitor?.phone) await expect(page.getByText(project.exhibitor.phone, { exact: true })).toBeVisible();
  if (project.exhibitor) await expect(page.getByRole('heading', { level: 2, name: project.exhibitor.name.ru })).toBeVisible();
  await expect(page.getByText(project.visiting.ru)).toBeVisible();

  // The booth on the hall plan, and Back returns to the project.
  await page.getByRole('button', { name: 'Показать на плане' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Найти стенд' })).toBeVisible();
  await page.getByRole('button', { name: /Назад/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: project.title.ru })).toBeVisible();

  // An industry chip leads to that industry's projects.
  const tag = project.tags[0];
  if (tag) {
    await page.getByRole('list', { name: 'Отрасли' }).getByRole('button', { name: tag.name.ru }).tap();
    await expect(page.getByRole('heading', { level: 1, name: tag.name.ru })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Проекты' }).getByRole('listitem').first()).toBeVisible();
  }
});

test('industries list every theme with its project count and open its projects, page by page', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  const tags = await call<TagSummary[]>(page, 'tags.list');
  await page.getByRole('button', { name: /^Отрасли и темы/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Отрасли и темы' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Отрасли и темы' });
  await expect(list.getByRole('listitem')).toHaveCount(tags.length);
  for (const tag of tags) {
    await expect(list.getByRole('button', { name: `${tag.name.ru} ${projectsRu(tag.projectCount)}`, exact: true })).toBeVisible();
  }

  const biggest = [...tags].sort((a, b) => b.projectCount - a.projectCount)[0];
  if (!biggest) throw new Error('no tags');
  expect(biggest.projectCount).toBeGreaterThan(24);
  await list.getByRole('button', { name: new RegExp(`^${escapeRegExp(biggest.name.ru)} `) }).tap();
  await expect(page.getByRole('heading', { level: 1, name: biggest.name.ru })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Проекты/ })).toContainText(projectsRu(biggest.projectCount));
  const projects = page.getByRole('list', { name: 'Проекты' });
  await expect(projects.getByRole('listitem')).toHaveCount(24);
  await page.getByRole('button', { name: 'Показать ещё' }).tap();
  await expect(projects.getByRole('listitem')).toHaveCount(Math.min(48, biggest.projectCount));
  await expect(page.getByText(`Показано ${Math.min(48, biggest.projectCount)} из ${biggest.projectCount}`)).toBeVisible();

  // A card opens its project.
  await projects.getByRole('button').nth(30).tap();
  await expect(page.getByRole('button', { name: 'Показать на плане' })).toBeVisible();
});

test('clusters: ten of them, a cluster with its members, their booths on the plan and its projects', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  const clusters = await call<Cluster[]>(page, 'clusters.list');
  expect(clusters).toHaveLength(10);
  await page.getByRole('button', { name: /^Кластеры Омской области/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Кластеры Омской области' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Кластеры Омской области' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  for (const cluster of clusters) {
    await expect(list.getByRole('button', { name: new RegExp(`^${escapeRegExp(cluster.name.ru)}.*${projectsRu(cluster.projectCount)}$`) })).toBeVisible();
  }

  const cluster = clusters.find((candidate) => candidate.members.some((member) => member.exhibitorId)) ?? clusters[0];
  if (!cluster) throw new Error('no clusters');
  await list.getByRole('button', { name: new RegExp(`^${escapeRegExp(cluster.name.ru)}`) }).tap();
  await expect(page.getByRole('heading', { level: 1, name: cluster.name.ru })).toBeVisible();
  const members = page.getByRole('list', { name: /^Участники/ });
  await expect(members.getByRole('listitem')).toHaveCount(cluster.members.length);
  for (const member of cluster.members) {
    await expect(members.getByText(member.name.ru, { exact: true })).toBeVisible();
    await expect(members.getByText(new RegExp(`^${escapeRegExp(member.role.ru)}`))).not.toHaveCount(0);
  }
  const projects = page.getByRole('list', { name: 'Проекты' });
  await expect(projects.getByRole('listitem')).toHaveCount(Math.min(24, cluster.projectCount));

  const exhibiting = cluster.members.filter((member) => member.exhibitorId);
  await expect(members.getByRole('button', { name: /^Показать на плане/ })).toHaveCount(exhibiting.length);
  const member = exhibiting[0];
  if (member) {
    await members.getByRole('button', { name: `Показать на плане: ${member.name.ru}` }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Найти стенд' })).toBeVisible();
    await page.getByRole('button', { name: /Назад/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: cluster.name.ru })).toBeVisible();
  }
});

test('one tap shows regions, projects, industries and clusters in English @landscape', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  const regions = await call<RegionSummary[]>(page, 'regions.list');
  const clusters = await call<Cluster[]>(page, 'clusters.list');
  const tags = await call<TagSummary[]>(page, 'tags.list');
  const omsk = regions.find((region) => region.id === 'omsk');
  const one = regions.find((region) => region.participating && region.projectCount === 1);
  if (!omsk || !one) throw new Error('demo data without Omsk or a one-project region');

  await page.getByRole('button', { name: 'Switch to English' }).tap();
  await page.getByRole('button', { name: /^Regions/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Regions' })).toBeVisible();
  const map = page.getByRole('list', { name: 'Map of the regions' });
  await expect(map.getByRole('button', { name: `Omsk Oblast, ${omsk.projectCount} projects`, exact: true })).toHaveText(/^Omsk\s*\d+$/);
  await expect(map.getByRole('button', { name: `${one.name.en}, 1 project`, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'List', exact: true }).tap();
  await expect(page.getByRole('list', { name: 'Participating regions' }).getByRole('button', { name: /^Omsk Oblast, / })).toBeVisible();

  await page.getByRole('button', { name: /^Omsk Oblast, / }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Omsk Oblast' })).toBeVisible();
  await expect(page.getByText(omsk.summary.en)).toBeVisible();
  const projects = page.getByRole('list', { name: 'Projects' });
  await expect(page.getByRole('button', { name: 'Show more' })).toBeVisible();
  await projects.getByRole('button').first().tap();
  await expect(page.getByRole('button', { name: 'Show on the plan' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next photo' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Photo 1 of \d+$/ })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('img', { name: 'Point your phone camera to take it with you' })).toBeAttached();
  await expect(page.getByRole('heading', { level: 2, name: 'Contacts' })).toBeAttached();

  await page.getByRole('button', { name: 'Home' }).tap();
  await page.getByRole('button', { name: /^Industries and themes/ }).tap();
  const tag = tags[0];
  if (!tag) throw new Error('no tags');
  const projectWord = tag.projectCount === 1 ? 'project' : 'projects';
  await expect(
    page.getByRole('list', { name: 'Industries and themes' }).getByRole('button', { name: `${tag.name.en} ${tag.projectCount} ${projectWord}`, exact: true }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Home' }).tap();
  await page.getByRole('button', { name: /^Omsk region clusters/ }).tap();
  const cluster = clusters[0];
  if (!cluster) throw new Error('no clusters');
  await page.getByRole('list', { name: 'Omsk region clusters' }).getByRole('button', { name: new RegExp(`^${escapeRegExp(cluster.name.en)}`) }).tap();
  await expect(page.getByRole('heading', { level: 1, name: cluster.name.en })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Members/ })).toBeVisible();

  // And back to Russian on the same screen.
  await page.getByRole('button', { name: 'Переключить на русский' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: cluster.name.ru })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Участники/ })).toBeVisible();
});
