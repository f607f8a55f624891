// The exhibitor portal in a phone's browser, served by a real hub process (`out/node/hub.js`, demo forum, demo PIN):
// log in, edit a field and see it published, add a photo from the phone and see it in the project's gallery.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { expect, test } from '@playwright/test';
import { launchHub, stopHub, type Hub } from './hub';

/** Reads the hub's store beside the running hub (read-only), as staff's tools would. */
function query<T>(hub: Hub, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(hub.dataDir, 'hub.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const field = (column: string) => `json_extract(data, '$.${column}')`;

// A phone in portrait: the portal's main audience.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.describe('the exhibitor portal on a phone', () => {
  let hub: Hub;

  test.beforeEach(async () => {
    hub = await launchHub();
  });

  test.afterEach(async () => {
    await stopHub(hub);
  });

  test('log in, edit a field and see it published, add a photo and see it in the gallery', async ({ page }) => {
    test.setTimeout(90_000);
    // omsk-polymer: a demo exhibitor with the demo PIN and projects of its own in the hub's default demo forum.
    const [exhibitor] = query<{ booth: string; name: string }>(hub, `SELECT ${field('booth')} AS booth, ${field('name_ru')} AS name FROM records WHERE tbl = 'exhibitors' AND key = ?`, '["omsk-polymer"]');
    const [project] = query<{ id: string; title: string }>(
      hub,
      `SELECT ${field('id')} AS id, ${field('title_ru')} AS title FROM records WHERE tbl = 'projects' AND ${field('exhibitor_id')} = 'omsk-polymer' ORDER BY ${field('title_ru')} LIMIT 1`,
    );
    if (!exhibitor || !project) throw new Error('The demo forum has no projects of omsk-polymer');
    const photosOf = () => query<{ sha256: string }>(hub, `SELECT ${field('sha256')} AS sha256 FROM records WHERE tbl = 'project_media' AND data IS NOT NULL AND ${field('project_id')} = ?`, project.id);
    const photosBefore = photosOf().length;

    await page.goto(`${hub.url}/portal/`);
    await expect(page.getByRole('heading', { name: 'Для экспонентов' })).toBeVisible();
    // The page fits the phone's width: nothing to scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByLabel('Номер стенда').fill(exhibitor.booth);
    await page.getByLabel('PIN-код').fill('000000');
    await page.getByRole('button', { name: 'Войти' }).tap();
    await expect(page.getByRole('alert')).toContainText('Неверный номер стенда или PIN-код');
    await page.getByLabel('PIN-код').fill('123456');
    await page.getByRole('button', { name: 'Войти' }).tap();
    await expect(page.getByText(exhibitor.name, { exact: true }).first()).toBeVisible();

    // Edit one field of a project and save: the hub publishes it at once (review is off).
    await page.getByRole('button', { name: new RegExp(project.title.slice(0, 20)) }).tap();
    const summary = 'Экскурсия по цеху полимеров — каждый день в 12:00 у стенда';
    await page.getByLabel('Кратко, по-русски').fill(summary);
    await page.getByRole('button', { name: 'Сохранить' }).tap();
    await expect(page.getByRole('status').filter({ hasText: 'Сохранено и опубликовано.' })).toBeVisible();
    expect(query<{ summary: string }>(hub, `SELECT ${field('summary_ru')} AS summary FROM records WHERE tbl = 'projects' AND key = ?`, JSON.stringify([project.id]))[0]?.summary).toBe(
      summary,
    );

    // A photo from the phone: a large JPEG, stored by the hub as a new, smaller one and offered as a cover at once.
    const covers = page.getByRole('button', { name: /^Обложка — фото \d+$/ });
    await expect(covers).toHaveCount(photosBefore);
    const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#2f855a' } }).jpeg({ quality: 85 }).toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect(covers).toHaveCount(photosBefore + 1);
    expect(photosOf()).toHaveLength(photosBefore + 1);
    const newest = page.locator('img.exh-cover-thumb').last();
    await newest.scrollIntoViewIfNeeded();
    const src = await newest.getAttribute('src');
    expect(src).toMatch(/^\/portal\/media\/[0-9a-f]{64}$/);
    const sha256 = src?.split('/').pop() ?? '';
    expect(photosOf().map((p) => p.sha256)).toContain(sha256);
    await expect.poll(() => newest.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1600);

    // The edit in the exhibitor's history, in the state the hub gave it.
    await page.getByRole('button', { name: 'К списку' }).tap();
    await page.getByRole('button', { name: 'Мои правки' }).tap();
    await expect(page.getByText('Опубликовано').first()).toBeVisible();
    await expect(page.getByText(summary).first()).toBeVisible();

    // English on one tap.
    await page.getByRole('button', { name: 'Switch to English' }).tap();
    await expect(page.getByRole('heading', { name: 'For exhibitors' })).toBeVisible();
  });
});
