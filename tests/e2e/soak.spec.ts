import { readdirSync, readlinkSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { attractButton, pageMemory, processFigures, regionsButton, touchAttract, visitorLap, type PageMemory, type Tap } from '../../bench/browser';
import { expect, test, type Kiosk } from './fixtures';

// A short soak (the long one is bench/soak.ts): a scripted visitor taps ~360 times through every screen, walking away
// now and then ("Still there?" → "Start over", or "Continue"), and the same visits are repeated after a warm-up, so
// everything the kiosk may cache is cached before the reference sample. After that nothing may grow but noise: the
// document's elements, the renderer's DOM nodes and JS heap after a forced garbage collection, and the kiosk
// process's open file descriptors.

test.use({ reducedMotion: 'reduce' });

/** The kiosk process's open file descriptors: sockets apart (the browser's connection pool varies), the rest by kind. */
function openFiles(pid: number): { sockets: number; other: number; list: string[] } {
  const list = readdirSync(`/proc/${pid}/fd`).map((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).replace(/:\[\d+\]$/, '');
    } catch {
      return '(closed meanwhile)';
    }
  });
  const sockets = list.filter((target) => target === 'socket').length;
  return { sockets, other: list.length - sockets, list: list.filter((target) => target !== 'socket').sort() };
}

async function measure(page: Page, cdp: CDPSession, kiosk: Kiosk): Promise<PageMemory & { files: ReturnType<typeof openFiles>; rssKb: number }> {
  // The renderer's node count right after a collection is noisy (nodes Blink has not swept yet): the lowest of four
  // samples is what stays alive; a leak raises every sample.
  const samples: PageMemory[] = [];
  for (let i = 0; i < 4; i += 1) samples.push(await pageMemory(page, cdp));
  const memory = { ...samples.at(-1)!, nodes: Math.min(...samples.map((m) => m.nodes)), heapBytes: Math.min(...samples.map((m) => m.heapBytes)) };
  return { ...memory, files: openFiles(kiosk.process.pid!), rssKb: processFigures(kiosk.process.pid!).rssKb };
}

test.describe('with a 5 s idle time', () => {
  test.use({ kioskArgs: ['--idle-seconds', '5'] });
  // About a minute on a quiet machine; several when the machine is shared with other builds. Set for the describe,
  // so that the kiosk's start (the fixture) falls under it too.
  test.describe.configure({ timeout: 300_000 });

  test('a soak of ~360 taps with idle resets: DOM, JS heap and the kiosk’s open files stay bounded', async ({ page, kiosk }) => {
    const cdp = await page.context().newCDPSession(page);
    await page.goto(kiosk.url);
    await attractButton(page).waitFor();
    await touchAttract(page);

    let taps = 0;
    const tap: Tap = async (_step, target, then) => {
      await target.tap();
      taps += 1;
      if (then) await then.first().waitFor();
    };
    const stillThere = page.getByRole('alertdialog');
    /** The visitor walks away from the home screen; "Still there?" comes after the 5 s idle timeout. */
    const walkAway = async (answer: 'Начать сначала' | 'Продолжить') => {
      await expect(stillThere).toBeVisible({ timeout: 15_000 });
      await stillThere.getByRole('button', { name: answer }).tap();
      await expect(stillThere).toBeHidden();
      if (answer === 'Начать сначала') {
        await expect(attractButton(page)).toBeVisible();
        await attractButton(page).tap();
        // Past the screen the attract loop opened, on to the home screen (as bench/browser.ts's touchAttract).
        const home = page.getByRole('button', { name: 'На главную' });
        await expect(regionsButton(page).or(home).first()).toBeVisible();
        await expect(stillThere).toBeHidden();
        if (await home.isVisible()) await home.tap();
      }
      await expect(regionsButton(page)).toBeVisible();
    };
    // Three different visits, then the same three again and again: the second time round nothing new is cached.
    const visits = async () => {
      for (let n = 0; n < 3; n++) await visitorLap(page, n, tap);
    };

    await visits();
    await walkAway('Начать сначала');
    await visits();
    const reference = await measure(page, cdp, kiosk);
    const referenceTaps = taps;

    await walkAway('Продолжить');
    await visits();
    await walkAway('Начать сначала');
    await visits();
    const end = await measure(page, cdp, kiosk);

    const report = { taps, referenceTaps, reference: { ...reference, files: reference.files.list.length }, end: { ...end, files: end.files.list.length } };
    console.log(`soak: ${JSON.stringify(report)}`);
    expect(taps).toBeGreaterThanOrEqual(340);
    // The same screens at the same moment of a lap: the document is the same size.
    expect(end.elements, 'elements in the document').toBeLessThanOrEqual(Math.ceil(reference.elements * 1.1) + 10);
    // Detached nodes a leak would keep alive (whole screens of them per visit: hundreds).
    expect(end.nodes, 'DOM nodes after GC').toBeLessThanOrEqual(Math.ceil(reference.nodes * 1.1) + 150);
    expect(end.listeners, 'event listeners').toBeLessThanOrEqual(Math.ceil(reference.listeners * 1.1) + 20);
    expect(end.heapBytes, 'JS heap after GC').toBeLessThanOrEqual(reference.heapBytes * 1.25);
    // Files, pipes and the rest never grow; sockets stay within the browser's pool (6 per host) and the event stream.
    expect(end.files.other, `the kiosk's open files other than sockets: ${end.files.list.join(', ')}`).toBeLessThanOrEqual(reference.files.other);
    expect(end.files.sockets, "the kiosk's open sockets").toBeLessThanOrEqual(Math.max(reference.files.sockets, 7) + 1);
  });
});
