// Media downloads through a faulty network and onto a small or full disk: resume with Range, hash mismatches,
// images the hub lost, the disk budget, a full disk, a kiosk clock that jumps back.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createAssetServer } from '../../electron/core/assets';
import { hashFile } from '../../electron/core/media-store';
import { cleanUp, count, startHub, startKiosk, startProxy, syncState, tempDir, type TestHub } from './harness';

afterEach(cleanUp);

type Kiosk = Awaited<ReturnType<typeof startKiosk>>;

/** Puts a file of `bytes` random bytes on the hub with its media row and, unless `referenced: false`, a row using it. */
async function addMedia(hub: TestHub, bytes: number, options: { referenced?: boolean; project?: string } = {}): Promise<string> {
  const sha256 = await hub.store.putMedia(randomBytes(bytes), 'image/jpeg', hub.clock.now);
  const writes = [
    {
      table: 'media' as const,
      key: JSON.stringify([sha256]),
      row: { sha256, mime: 'image/jpeg', bytes, width: null, height: null, alt_ru: '', alt_en: '' },
    },
  ];
  const project = options.project ?? 'p1';
  const link = { table: 'project_media' as const, key: JSON.stringify([project, sha256]), row: { project_id: project, sha256, position: 0, caption_ru: '', caption_en: '' } };
  await hub.store.writeRecords(options.referenced === false ? writes : [...writes, link], hub.clock.now);
  return sha256;
}

async function syncAndFetch(kiosk: Kiosk): Promise<void> {
  expect(await kiosk.sync.cycle()).toBe(true);
  await kiosk.sync.mediaIdle();
}

function queue(kiosk: Kiosk, sha256: string): { state: string; attempts: number; last_error: string } | undefined {
  return kiosk.sync.db.prepare('SELECT state, attempts, last_error FROM media_queue WHERE sha256 = ?').get(sha256) as ReturnType<typeof queue>;
}

/** What the screen gets for a media file: 200 with the file, or 404 (the renderer shows its placeholder). */
async function screenStatus(kiosk: Kiosk, sha256: string): Promise<number> {
  const serve = createAssetServer({ rendererDir: tempDir('renderer-'), db: kiosk.db, media: kiosk.media });
  return (await serve(new Request(`kiosk://app/media/${sha256}`))).status;
}

describe('an interrupted download', () => {
  it('keeps the part, resumes it with an HTTP Range request on the next run, and the file verifies', async () => {
    const hub = await startHub({ demo: false });
    const proxy = await startProxy(hub);
    const sha = await addMedia(hub, 300_000);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false });
    proxy.on('/media/', { kind: 'drop', afterBytes: 120_000 }, 1);
    await syncAndFetch(kiosk);
    const part = kiosk.media.partPathOf(sha);
    const partBytes = statSync(part).size;
    expect(partBytes).toBeGreaterThan(0);
    expect(partBytes).toBeLessThanOrEqual(120_000);
    expect(kiosk.media.has(sha)).toBe(false);
    expect(queue(kiosk, sha)).toMatchObject({ state: 'wanted', attempts: 0 });
    expect(await screenStatus(kiosk, sha)).toBe(404);

    await syncAndFetch(kiosk);
    const media = proxy.log.filter((r) => r.path.endsWith(`/media/${sha}`));
    expect(media).toHaveLength(2);
    expect(media[0]?.headers.range).toBeUndefined();
    expect(media[1]?.headers.range).toBe(`bytes=${partBytes}-`);
    expect(media[1]?.upstream?.status).toBe(206);
    expect(media[1]?.upstream?.body.length).toBe(300_000 - partBytes);
    expect(kiosk.media.has(sha)).toBe(true);
    expect(await hashFile(kiosk.media.pathOf(sha))).toBe(sha);
    expect(existsSync(part)).toBe(false);
    expect(queue(kiosk, sha)).toBeUndefined();
    expect(await screenStatus(kiosk, sha)).toBe(200);
  });

  it('a first run with many files, cut off again and again, ends with every file whole', async () => {
    const hub = await startHub({ demo: false });
    const proxy = await startProxy(hub);
    const shas = await Promise.all(Array.from({ length: 6 }, (_, i) => addMedia(hub, 40_000 + i * 7_000, { project: `p${i}` })));
    const kiosk = await startKiosk({ hub, via: proxy, demo: false });
    // Every media answer is cut somewhere in its middle, the first eight times.
    let cuts = 0;
    proxy.on('/media/', () => (++cuts <= 8 ? { kind: 'drop', afterBytes: 5_000 + cuts * 1_000 } : null));
    for (let run = 0; run < 20 && shas.some((s) => !kiosk.media.has(s)); run++) await syncAndFetch(kiosk);
    for (const sha of shas) expect(await hashFile(kiosk.media.pathOf(sha))).toBe(sha);
    expect(proxy.log.filter((r) => r.headers.range !== undefined).length).toBeGreaterThan(0);
    expect(count(kiosk, 'SELECT count(*) AS n FROM media_queue')).toBe(0);
  });
});

describe('a file that does not match its hash', () => {
  it('is discarded, tried again with pauses, and given up after maxAttempts: the screen keeps its placeholder', async () => {
    const hub = await startHub({ demo: false });
    const proxy = await startProxy(hub);
    const sha = await addMedia(hub, 50_000);
    const clock = { now: Date.parse('2026-12-03T10:00:00Z') };
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, sync: { mediaMaxAttempts: 3, now: () => clock.now } });
    proxy.on('/media/', {
      kind: 'rewrite',
      body: (body) => {
        const copy = Buffer.from(body);
        copy[copy.length >> 1] = (copy[copy.length >> 1] ?? 0) ^ 0xff;
        return copy;
      },
    });
    const downloads = () => proxy.requests('/media/').length;

    await syncAndFetch(kiosk);
    expect(downloads()).toBe(1);
    expect(queue(kiosk, sha)).toMatchObject({ state: 'wanted', attempts: 1, last_error: 'the file did not match its SHA-256' });
    expect(existsSync(kiosk.media.partPathOf(sha))).toBe(false);
    expect(kiosk.media.has(sha)).toBe(false);

    // Not due yet: the next cycle leaves it alone.
    await syncAndFetch(kiosk);
    expect(downloads()).toBe(1);
    for (const attempts of [2, 3]) {
      clock.now += 2 * 3_600_000;
      await syncAndFetch(kiosk);
      expect(downloads()).toBe(attempts);
    }
    expect(queue(kiosk, sha)).toMatchObject({ state: 'failed', attempts: 3 });
    clock.now += 24 * 3_600_000;
    await syncAndFetch(kiosk);
    expect(downloads()).toBe(3);
    expect(kiosk.media.has(sha)).toBe(false);
    expect(kiosk.sync.status()).toMatchObject({ state: 'idle', mediaBacklog: 0 });
    expect(await screenStatus(kiosk, sha)).toBe(404);
  });

  it('an image the hub lost (404): the row is there at once, the image is retried a bounded number of times', async () => {
    const hub = await startHub({ demo: false });
    const sha = await addMedia(hub, 10_000);
    rmSync((await hub.store.mediaFile(sha))?.path ?? '');
    const clock = { now: Date.parse('2026-12-03T10:00:00Z') };
    const kiosk = await startKiosk({ hub, demo: false, sync: { mediaMaxAttempts: 2, now: () => clock.now } });
    await syncAndFetch(kiosk);
    expect(count(kiosk, 'SELECT count(*) AS n FROM project_media WHERE sha256 = ?', sha)).toBe(1);
    expect(queue(kiosk, sha)).toMatchObject({ state: 'wanted', attempts: 1 });
    clock.now += 2 * 3_600_000;
    await syncAndFetch(kiosk);
    expect(queue(kiosk, sha)).toMatchObject({ state: 'failed', attempts: 2 });
    expect(await screenStatus(kiosk, sha)).toBe(404);
  });
});

describe('the media disk budget', () => {
  it('evicts files nothing refers to first; what still does not fit waits as no_space, and goes once space is freed', async () => {
    const hub = await startHub({ demo: false });
    const a = await addMedia(hub, 100_000, { project: 'pa' });
    const kiosk = await startKiosk({ hub, demo: false, sync: { mediaBudgetBytes: 150_000 } });
    // A file from an older catalog that nothing refers to any more.
    const old = kiosk.media.put(randomBytes(80_000));
    expect(kiosk.media.has(old)).toBe(true);

    await syncAndFetch(kiosk);
    expect(kiosk.media.has(old)).toBe(false);
    expect(kiosk.media.has(a)).toBe(true);

    const b = await addMedia(hub, 100_000, { project: 'pb' });
    await syncAndFetch(kiosk);
    expect(kiosk.media.has(b)).toBe(false);
    expect(queue(kiosk, b)).toMatchObject({ state: 'no_space', last_error: 'media disk budget is full' });
    expect(kiosk.media.has(a)).toBe(true);
    expect(kiosk.sync.status().mediaBacklog).toBe(1);

    // Staff remove the project using A: its file becomes evictable, and B is fetched without anyone requeueing it.
    await hub.store.writeRecords([{ table: 'project_media', key: JSON.stringify(['pa', a]), row: null }], hub.clock.now);
    await syncAndFetch(kiosk);
    expect(kiosk.media.has(a)).toBe(false);
    expect(kiosk.media.has(b)).toBe(true);
    expect(kiosk.sync.status().mediaBacklog).toBe(0);
  });

  it('a full disk during a download: nothing corrupted, the cursor stands, old media evicted, the file comes later', async () => {
    const hub = await startHub({ demo: false });
    const sha = await addMedia(hub, 30_000);
    const kiosk = await startKiosk({ hub, demo: false });
    const old = kiosk.media.put(randomBytes(20_000));
    // The part file is a link to /dev/full: every write to it fails with ENOSPC, as on a full disk.
    symlinkSync('/dev/full', kiosk.media.partPathOf(sha));

    await syncAndFetch(kiosk);
    const cursor = syncState(kiosk).cursor;
    expect(cursor).not.toBe('');
    expect(kiosk.media.has(sha)).toBe(false);
    expect(kiosk.media.has(old)).toBe(false);
    expect(queue(kiosk, sha)).toMatchObject({ state: 'wanted', last_error: 'the disk is full' });
    expect(kiosk.sync.db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(kiosk.sync.status().state).toBe('idle');

    rmSync(kiosk.media.partPathOf(sha));
    await syncAndFetch(kiosk);
    expect(syncState(kiosk).cursor).toBe(cursor);
    expect(await hashFile(kiosk.media.pathOf(sha))).toBe(sha);
  });
});

describe('a kiosk clock that jumps back', () => {
  it('does not stall media retries until the clock catches up', async () => {
    const hub = await startHub({ demo: false });
    const proxy = await startProxy(hub);
    const sha = await addMedia(hub, 20_000);
    const clock = { now: Date.parse('2026-12-03T10:00:00Z') };
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, sync: { now: () => clock.now } });
    proxy.on('/media/', { kind: 'rewrite', body: (body) => Buffer.concat([body, Buffer.from('junk')]) }, 1);
    await syncAndFetch(kiosk);
    expect(queue(kiosk, sha)).toMatchObject({ state: 'wanted', attempts: 1 });
    clock.now -= 86_400_000;
    await syncAndFetch(kiosk);
    expect(kiosk.media.has(sha)).toBe(true);
  });
});
