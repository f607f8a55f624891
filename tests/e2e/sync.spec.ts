// A kiosk that syncs with a real hub process: what a visitor sees change when the hub's content changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, startKiosk, startVisit, stopKiosk, test, type Kiosk } from './fixtures';
import { exampleSheets, writeCsvFolder, writeExampleImages } from '../../hub/import/example';
import { hubCommand, launchHub, stopHub, type Hub } from './hub';

/**
 * Changes one project's Russian title in the hub's store the way the hub records any change: the row gets the next
 * sequence number. (Written from the test process while the hub runs, as a spreadsheet import from the CLI would.)
 */
function changeProjectTitle(hub: Hub, projectId: string, title: string): void {
  const db = new Database(join(hub.dataDir, 'hub.db'));
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      const head = Number((db.prepare("SELECT value FROM hub_meta WHERE key = 'head_seq'").get() as { value: string }).value) + 1;
      db.prepare("UPDATE records SET data = json_set(data, '$.title_ru', ?), seq = ?, changed_at = ? WHERE tbl = 'projects' AND key = ?").run(
        title,
        head,
        Date.now(),
        JSON.stringify([projectId]),
      );
      db.prepare("UPDATE hub_meta SET value = ? WHERE key = 'head_seq'").run(String(head));
    })();
  } finally {
    db.close();
  }
}

function firstOmskProject(hub: Hub): { id: string; title: string } {
  const db = new Database(join(hub.dataDir, 'hub.db'), { readonly: true });
  try {
    const row = db
      .prepare(
        "SELECT json_extract(data, '$.id') AS id, json_extract(data, '$.title_ru') AS title FROM records WHERE tbl = 'projects' AND json_extract(data, '$.region_id') = 'omsk' AND json_extract(data, '$.hidden') = 0 ORDER BY title LIMIT 1",
      )
      .get() as { id: string; title: string };
    return row;
  } finally {
    db.close();
  }
}

test.describe('a kiosk syncing with the hub', () => {
  let hub: Hub;
  let kiosk: Kiosk;

  test.beforeEach(async () => {
    hub = await launchHub();
    kiosk = await startKiosk(['--hub', hub.url, '--enroll', hub.code, '--sync-seconds', '1']);
  });

  test.afterEach(async () => {
    await stopKiosk(kiosk);
    await stopHub(hub);
  });

  test('shows a change made at the hub on the screen a visitor is looking at, and the time of the last sync', async ({ page }) => {
    await startVisit(page, kiosk);
    // "Data as of" follows the hub's clock once the kiosk has synced: today, in the forum's time zone.
    const today = new Date().toLocaleString('ru-RU', { timeZone: 'Asia/Omsk', day: 'numeric', month: 'short' });
    await expect(page.getByText(/^Данные на/)).toContainText(today, { timeout: 20_000 });

    const project = firstOmskProject(hub);
    await page.getByRole('button', { name: /^Регионы/ }).tap();
    await page.getByRole('button', { name: /Омская область/ }).first().tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
    await expect(page.getByText(project.title, { exact: true }).first()).toBeVisible();

    const changed = '«Открытая площадка» — обновлено на хабе';
    changeProjectTitle(hub, project.id, changed);
    await expect(page.getByText(changed, { exact: true }).first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(project.title, { exact: true })).toHaveCount(0);
  });

  test("shows cards and a project's gallery with the hub's pictures at the size shown, not the originals", async ({ page }) => {
    test.setTimeout(120_000);
    await startVisit(page, kiosk);
    const project = firstOmskProject(hub);
    await page.getByRole('button', { name: /^Регионы/ }).tap();
    await page.getByRole('button', { name: /Омская область/ }).first().tap();
    // The hub makes its copies in the background after it starts; the kiosk gets them with its next sync and
    // download, and the screen follows without being left.
    const card = page.getByRole('button', { name: project.title }).first();
    // The card's picture is decoration (the title names the card), so it has no role of its own to find it by.
    const cardPicture = card.locator('img');
    await expect
      .poll(() => cardPicture.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 60_000 })
      .toBe(480);
    expect(await cardPicture.evaluate((img: HTMLImageElement) => img.currentSrc !== img.src && img.srcset.includes(' 480w'))).toBe(true);

    await card.tap();
    await expect(page.getByRole('heading', { level: 1, name: project.title })).toBeVisible();
    const photo = page.getByRole('group', { name: /^Фото 1 из/ }).getByRole('img');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 20_000 }).toBe(1080);
  });
});

test.describe("the hub's command line", () => {
  test('an import makes the pictures at display size before it exits, so kiosks get them with its content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-cli-import-'));
    try {
      const content = join(dir, 'content');
      writeCsvFolder(exampleSheets(), content);
      writeExampleImages(join(content, 'images'));
      const output = hubCommand(join(dir, 'hub'), ['import', content]);
      // The example's pictures: a 160×90 SVG gets a copy at both widths; its 16×9 and 8×8 PNGs are smaller than any.
      expect(output).toContain('Pictures at display size: 2 copies made, 0 removed, 0 pictures could not be decoded');
      const db = new Database(join(dir, 'hub', 'hub.db'), { readonly: true });
      try {
        const widths = db.prepare("SELECT json_extract(data, '$.width') AS width FROM records WHERE tbl = 'media_thumbs' AND data IS NOT NULL ORDER BY 1").all();
        expect(widths).toEqual([{ width: 480 }, { width: 1080 }]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
