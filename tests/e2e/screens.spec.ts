import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, startVisit, test } from './fixtures';

// Every screen, in both languages and both orientations: no serious or critical accessibility violation (axe), and
// a screenshot kept as a test artifact (test-results/e2e/…) for people to look at.

type Step = { name: string; go: (page: Page) => Promise<void> };

const tapButton = (page: Page, name: RegExp | string) => page.getByRole('button', { name }).first().tap();

const steps: Step[] = [
  { name: 'home', go: async () => {} },
  { name: 'regions', go: (page) => tapButton(page, /^(Регионы|Regions)/) },
  { name: 'region', go: (page) => tapButton(page, /^(Омская область|Omsk Oblast)/) },
  { name: 'project', go: (page) => page.locator('.screen-body').getByRole('button').first().tap() },
  { name: 'clusters', go: async (page) => { await tapButton(page, /^(На главную|Home)$/); await tapButton(page, /^(Кластеры Омской области|Omsk region clusters)/); } },
  { name: 'cluster', go: (page) => page.locator('.screen-body').getByRole('button').first().tap() },
  { name: 'industries', go: async (page) => { await tapButton(page, /^(На главную|Home)$/); await tapButton(page, /^(Отрасли и темы|Industries and themes)/); } },
  { name: 'route', go: async (page) => { await tapButton(page, /^(На главную|Home)$/); await tapButton(page, /^(Индустриальная Сибирь|Industrial Siberia)/); } },
  { name: 'programme', go: async (page) => { await tapButton(page, /^(На главную|Home)$/); await tapButton(page, /^(Программа|Programme)/); } },
  { name: 'hall', go: async (page) => { await tapButton(page, /^(На главную|Home)$/); await tapButton(page, /^(Найти стенд|Find a booth)/); } },
  { name: 'search', go: async (page) => { await tapButton(page, /^(На главную|Home)$/); await tapButton(page, /^(Поиск|Search)$/); } },
];

async function check(page: Page, testInfo: TestInfo, name: string, { heading = true } = {}): Promise<void> {
  // The attract loop is one big button: it has no heading to show.
  if (heading) await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  // Let the screen transition settle before looking at it.
  await page.waitForTimeout(400);
  // Screens kept beneath the one on top are out of the accessibility tree; each was checked when it was on top.
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.screen-holder[hidden]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`), name).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

for (const language of ['ru', 'en'] as const) {
  test(`every screen passes axe and is photographed (${language}) @landscape`, async ({ page, kiosk }, testInfo) => {
    test.setTimeout(240_000);
    await page.goto(kiosk.url);
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible();
    await check(page, testInfo, `${language}-attract`, { heading: false });
    await startVisit(page, kiosk);
    if (language === 'en') await page.getByRole('button', { name: 'Switch to English' }).tap();
    for (const step of steps) {
      await step.go(page);
      await check(page, testInfo, `${language}-${step.name}`);
    }
  });
}

test('the accessibility panel and high contrast at 200% pass axe too', async ({ page, kiosk }, testInfo) => {
  test.setTimeout(60_000);
  await startVisit(page, kiosk);
  await page.getByRole('button', { name: 'Специальные возможности' }).tap();
  await check(page, testInfo, 'accessibility-panel');
  await page.getByRole('button', { name: 'Высокий контраст' }).tap();
  await page.getByRole('button', { name: '200%' }).tap();
  await page.getByRole('button', { name: 'Закрыть' }).tap();
  await check(page, testInfo, 'home-high-contrast-200');
});
