// A kiosk that syncs with a real hub process: what a visitor sees change when the hub's content changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator } from '@playwright/test';
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
    // Chromium draws a picture from a larger copy it already holds rather than fetch the smaller one: a screen shown
    // before the copies arrived keeps its originals until it is shown anew, and so does a picture the attract loop
    // has shown full size. So the visit starts once the kiosk has every copy, at a project the loop does not show.
    await untilKioskHasEveryCopy(hub, kiosk);
    const project = omskProjectOffTheAttractLoop(hub);
    await startVisit(page, kiosk);
    await page.getByRole('button', { name: /^Регионы/ }).tap();
    await page.getByRole('button', { name: /Омская область/ }).first().tap();
    const card = page.getByRole('button', { name: project.title }).first();
    // The card's picture is decoration (the title names the card), so it has no role of its own to find it by.
    await expect.poll(() => shownCopy(card.locator('img'))).toEqual({ width: 480, fromSrcset: '480w' });

    await card.tap();
    await expect(page.getByRole('heading', { level: 1, name: project.title })).toBeVisible();
    const photo = page.getByRole('group', { name: /^Фото 1 из/ }).getByRole('img');
    await expect.poll(() => shownCopy(photo)).toEqual({ width: 1080, fromSrcset: '1080w' });
  });
});

/** The file an image shows: its intrinsic width and the srcset descriptor of the candidate it took ('' for `src`). */
function shownCopy(image: Locator): Promise<{ width: number; fromSrcset: string } | null> {
  return image.evaluate(async (img: HTMLImageElement) => {
    if (!img.complete || !img.currentSrc) return null;
    const shown = new URL(img.currentSrc).pathname;
    const candidate = img.srcset.split(',').map((c) => c.trim().split(' ')).find(([url]) => url === shown);
    // naturalWidth is scaled by the candidate's density; the file's own width is what was fetched.
    const bitmap = await createImageBitmap(await (await fetch(img.currentSrc)).blob());
    return { width: bitmap.width, fromSrcset: candidate?.[1] ?? '' };
  });
}

/** Waits until the kiosk holds every copy the hub makes of the demo's pictures (two per picture), files included. */
async function untilKioskHasEveryCopy(hub: Hub, kiosk: Kiosk): Promise<void> {
  const read = <T>(file: string, sql: string): T | null => {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        db.pragma('busy_timeout = 5000');
        return db.prepare(sql).get() as T;
      } finally {
        db.close();
      }
    } catch {
      return null;
    }
  };
  await expect
    .poll(
      () => {
        const hubSide = read<{ media: number; copies: number }>(
          join(hub.dataDir, 'hub.db'),
          "SELECT sum(tbl = 'media') AS media, sum(tbl = 'media_thumbs') AS copies FROM records WHERE data IS NOT NULL",
        );
        const kioskSide = read<{ copies: number; queued: number }>(
          join(kiosk.dataDir, 'kiosk.db'),
          'SELECT (SELECT count(*) FROM media_thumbs WHERE deleted = 0) AS copies, (SELECT count(*) FROM media_queue) AS queued',
        );
        return hubSide !== null && hubSide.media > 0 && hubSide.copies === 2 * hubSide.media && kioskSide?.copies === hubSide.copies && kioskSide.queued === 0;
      },
      { timeout: 90_000 },
    )
    .toBe(true);
}

/** An Omsk project whose cover and first photo are not a featured project's cover or a route stop's (the attract loop's). */
function omskProjectOffTheAttractLoop(hub: Hub): { id: string; title: string } {
  const db = new Database(join(hub.dataDir, 'hub.db'), { readonly: true });
  try {
    return db
      .prepare(
        `WITH live AS (SELECT tbl, data FROM records WHERE data IS NOT NULL),
         loop AS (
           SELECT json_extract(data, '$.cover_sha256') AS sha FROM live WHERE tbl = 'projects' AND json_extract(data, '$.featured') = 1
           UNION SELECT json_extract(data, '$.cover_sha256') FROM live WHERE tbl = 'route_stops'
         ),
         photos AS (
           SELECT json_extract(data, '$.project_id') AS project, json_extract(data, '$.sha256') AS sha,
             row_number() OVER (PARTITION BY json_extract(data, '$.project_id') ORDER BY json_extract(data, '$.position')) AS n
           FROM live WHERE tbl = 'project_media'
         ),
         first_photo AS (SELECT project, sha FROM photos WHERE n = 1)
         SELECT json_extract(p.data, '$.id') AS id, json_extract(p.data, '$.title_ru') AS title FROM live p
         JOIN first_photo f ON f.project = json_extract(p.data, '$.id')
         WHERE p.tbl = 'projects' AND json_extract(p.data, '$.region_id') = 'omsk' AND json_extract(p.data, '$.hidden') = 0
           AND json_extract(p.data, '$.cover_sha256') NOT IN (SELECT sha FROM loop WHERE sha IS NOT NULL)
           AND f.sha NOT IN (SELECT sha FROM loop WHERE sha IS NOT NULL)
         ORDER BY title LIMIT 1`,
      )
      .get() as { id: string; title: string };
  } finally {
    db.close();
  }
}

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
