// Staff run the hall from the hub: a real hub process and a kiosk syncing with it. The staff member's own kiosk PIN,
// set at the hub, works at the kiosk once it has synced; the dashboard shows the kiosk; a message banner and a
// presentation sent from the hub's pages appear on the kiosk's screen and are acknowledged; what staff did at the
// kiosk reaches the hub's action log.
import type { Page } from '@playwright/test';
import { expect, startKiosk, stopKiosk, test, type Kiosk } from './fixtures';
import { hubCommand, launchHub, stopHub, type Hub } from './hub';
import { logInStaff, staffPanel, value } from './staff-kiosk';

test.describe.configure({ timeout: 150_000 });

const password = 'a long staff password for the hall';
const kioskPin = '13572468';
const kioskName = 'Kiosk by the stage';

test.describe('staff at the hub and at a kiosk', () => {
  let hub: Hub;
  let kiosk: Kiosk;

  test.beforeEach(async () => {
    hub = await launchHub();
    // At the hub computer: a staff account for the pages, and her PIN for the kiosks.
    hubCommand(hub.dataDir, ['staff-add', 'anna', '--password-stdin'], `${password}\n`);
    expect(hubCommand(hub.dataDir, ['staff-pin', 'anna', '--pin', kioskPin])).toContain(kioskPin);
    kiosk = await startKiosk(['--hub', hub.url, '--enroll', hub.code, '--sync-seconds', '1', '--name', kioskName]);
  });

  test.afterEach(async () => {
    await stopKiosk(kiosk);
    await stopHub(hub);
  });

  test('a PIN set at the hub opens the kiosk\'s panel; the dashboard, a banner and a presentation from the hub reach the kiosk', async ({ page, browser }) => {
    await page.goto(kiosk.url);
    // The kiosk learns her PIN with its sync.
    await expect.poll(async () => (await value<{ lastSyncAt: string }>(page, 'sync.status')).lastSyncAt, { timeout: 30_000 }).not.toBe('');
    const panel = await logInStaff(page, kioskPin, 'anna');
    await panel.getByRole('button', { name: 'Выйти', exact: true }).tap();
    await expect(staffPanel(page)).toHaveCount(0);

    // The hub's pages in an ordinary browser.
    const desk = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const staff = await desk.newPage();
    await staff.goto(`${hub.url}/staff/login`);
    await staff.getByLabel('Логин / Login').fill('anna');
    await staff.getByLabel('Пароль / Password').fill(password);
    await staff.getByRole('button', { name: 'Войти / Log in' }).click();
    await expect(staff.getByRole('heading', { name: 'Киоски / Kiosks' })).toBeVisible();
    const row = staff.getByRole('row').filter({ hasText: kioskName });
    await expect(row).toContainText('в сети / online');

    // A message banner to all kiosks.
    await sendCommand(staff, 'Сообщение на экранах / Message banner', async () => {
      await staff.getByLabel('Текст по-русски / Russian text').fill('Пленарное заседание начинается в 11:00');
      await staff.getByLabel('Текст по-английски / English text').fill('The plenary starts at 11:00');
    });
    await expect(page.getByRole('status', { name: 'Сообщение организаторов' })).toContainText('Пленарное заседание начинается в 11:00', { timeout: 30_000 });

    // A presentation of the route, to all kiosks.
    await sendCommand(staff, 'Начать презентацию / Start presentation', async () => {
      await staff.getByLabel('Что показывать / Playlist').selectOption({ label: playlistLabel(await staff.getByLabel('Что показывать / Playlist').locator('option').allTextContents(), /Маршрут/) });
      await staff.getByLabel('Секунд на слайд / Seconds per slide').fill('20');
    });
    const slides = page.getByRole('region', { name: /^(Презентация|Presentation)$/ });
    await expect(slides).toBeVisible({ timeout: 30_000 });
    expect(await value(page, 'presentation.current')).toMatchObject({ source: 'hub', playlist: { kind: 'route' }, intervalSeconds: 20 });
    // The banner stays over the presentation.
    await expect(page.getByRole('status', { name: 'Сообщение организаторов' })).toBeVisible();

    // Both commands acknowledged; the dashboard shows the kiosk presenting.
    await expect(async () => {
      await staff.goto(`${hub.url}/staff/commands`);
      await expect(staff.getByRole('row').filter({ hasText: 'Пленарное заседание' })).toContainText('подтверждена / acknowledged: 1', { timeout: 1000 });
      await expect(staff.getByRole('row').filter({ hasText: /Маршрут/ }).first()).toContainText('подтверждена / acknowledged: 1', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(async () => {
      await staff.goto(`${hub.url}/staff/kiosks`);
      await expect(staff.getByRole('row').filter({ hasText: kioskName })).toContainText('презентация / presentation', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });

    // What she did at the kiosk is in the hub's log, with her name.
    await staff.goto(`${hub.url}/staff/actions`);
    await expect(staff.getByRole('row').filter({ hasText: 'anna' }).filter({ hasText: 'login' }).first()).toBeVisible();

    // Stopped from the hub: the kiosk goes back to its attract loop.
    await sendCommand(staff, 'Остановить презентацию / Stop presentation');
    await expect(slides).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Коснитесь экрана, чтобы начать / Touch the screen to start' })).toBeVisible();
    await desk.close();
  });
});

/** On the hub's commands page: choose the kind, fill in its fields, send to all kiosks; the page confirms. */
async function sendCommand(staff: Page, kind: string, fill?: () => Promise<void>): Promise<void> {
  await staff.getByRole('link', { name: 'Команды / Commands' }).click();
  await staff.getByLabel('Кому / To').selectOption('all');
  await staff.getByLabel(kind).check();
  await fill?.();
  await staff.getByRole('button', { name: 'Отправить / Send' }).click();
  await expect(staff.getByRole('status')).toContainText('Команда отправлена');
}

function playlistLabel(labels: string[], pattern: RegExp): string {
  const label = labels.find((l) => pattern.test(l));
  if (!label) throw new Error(`No playlist like ${pattern} among ${labels.join(', ')}`);
  return label;
}
