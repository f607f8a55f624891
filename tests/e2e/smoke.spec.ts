import { expect, startVisit, test } from './fixtures';

// The whole path, as a visitor drives it: renderer → contract (HTTP) → core → SQLite → back.
test('the kiosk shows the demo forum from its local database @landscape', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  await expect(page.getByRole('heading', { level: 1, name: 'Дни промышленности Омской области' })).toBeVisible();
  await expect(page.getByText('Демонстрационные данные')).toBeVisible();
  // "Data as of" comes from the catalog's own timestamp, shown in the forum's time zone.
  await expect(page.getByText('Данные на 25 нояб., 18:00')).toBeVisible();
  for (const entry of [/^Регионы/, /^Индустриальная Сибирь – величие России/, /^Кластеры Омской области/, /^Отрасли и темы/, /^Программа/, /^Найти стенд/, /^Поиск$/]) {
    await expect(page.getByRole('button', { name: entry })).toBeVisible();
  }
});

test('the programme entry on home tells what is on stage now, by the kiosk clock', async ({ page, kiosk }) => {
  await page.clock.setFixedTime(new Date('2026-12-03T10:30:00+06:00'));
  await startVisit(page, kiosk);
  await expect(page.getByRole('button', { name: /^Программа.*Сейчас: 10:00 Пленарное заседание/ })).toBeVisible();
});

test('media come from the kiosk media store, with cache headers', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  const result = await page.evaluate(async () => {
    const call = async (name: string, input: unknown) =>
      (await (await fetch(`/api/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })).json()) as {
        ok: boolean;
        value: { items: { cover: { url: string } | null }[] };
      };
    const page = await call('projects.list', { featured: true, limit: 1 });
    const url = page.value.items[0]?.cover?.url ?? '';
    const response = await fetch(url);
    return { url, status: response.status, cache: response.headers.get('cache-control'), type: response.headers.get('content-type') };
  });
  expect(result.url).toMatch(/^\/media\/[0-9a-f]{64}$/);
  expect(result).toMatchObject({ status: 200, cache: 'public, max-age=31536000, immutable', type: 'image/svg+xml' });
});
