// Staff at a kiosk's screen, by touch, as the browser tests drive it: the hidden gesture, the PIN prompt, the panel.
import type { Locator, Page } from '@playwright/test';
import type { Result } from '../../electron/shared/contract';
import { expect } from './fixtures';

/** The demo forum's staff member (demo content only; real staff PINs are set at the hub). */
export const demoStaffPin = '246810';

/** A contract call from inside the page, as the kiosk's own renderer makes it. */
export async function call<T>(page: Page, name: string, input: object = {}): Promise<Result<T>> {
  return page.evaluate(
    async ([callName, body]) => {
      const response = await fetch(`/api/call/${callName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return (await response.json()) as Result<T>;
    },
    [name, JSON.stringify(input)] as const,
  );
}

export async function value<T>(page: Page, name: string, input: object = {}): Promise<T> {
  const result = await call<T>(page, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The hidden gesture: five taps in the top-left corner, well within four seconds. */
export async function cornerTaps(page: Page, taps = 5): Promise<void> {
  for (let i = 0; i < taps; i += 1) await page.touchscreen.tap(30 + i * 4, 36);
}

export function loginDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /^(Вход для персонала|Staff login)$/ });
}

export function staffPanel(page: Page): Locator {
  return page.getByRole('dialog', { name: /^(Панель персонала|Staff panel)$/ });
}

export async function tapPin(page: Page, pin: string): Promise<void> {
  const pad = loginDialog(page).getByRole('group', { name: /^(Цифры PIN-кода|PIN keypad)$/ });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).tap();
}

/** The gesture once the screen is up (a kiosk just started may still be drawing its first screen): the PIN prompt. */
export async function openStaffLogin(page: Page): Promise<Locator> {
  await expect(page.locator('.staff-corner')).toBeAttached();
  await expect(async () => {
    await cornerTaps(page);
    await expect(loginDialog(page)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  return loginDialog(page);
}

/** The gesture, the PIN (the demo staff member's unless given), "Войти": the staff panel is open. */
export async function logInStaff(page: Page, pin = demoStaffPin, name = 'Демо-персонал'): Promise<Locator> {
  await openStaffLogin(page);
  await tapPin(page, pin);
  await loginDialog(page).getByRole('button', { name: 'Войти', exact: true }).tap();
  const panel = staffPanel(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByText(`Вошли как: ${name}`, { exact: false })).toBeVisible();
  return panel;
}

