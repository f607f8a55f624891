// Sync in a worker thread, as the Electron shell and `npm run web` run it: enrollment from the staff panel, an
// exhibitor's edit written on the core's thread and sent by the worker, a hub command carried out by the core, the
// heartbeat telling the hub what the screen is doing, and a worker that dies started again without losing anything.
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPin, demoStaffPin } from '../../db/demo/pins';
import { createKioskCore, type KioskCore } from '../../electron/core/kiosk-core';
import type { SyncPort } from '../../electron/core/sync/sync-client';
import type { SyncWorkerHost } from '../../electron/core/sync/sync-host';
import type { Presentation, Result } from '../../electron/shared/contract';
import { buildEntry, removeBuilt } from './build-entry';
import { cleanUp, editableDemo, editableProjectIds, hubRow, startHub, tempDir, until } from './harness';

let workerScript = '';

beforeAll(async () => {
  workerScript = await buildEntry('test-sync-worker', 'sync-worker', 'electron/core/sync/sync-worker.ts');
}, 120_000);

const cores: KioskCore<SyncPort>[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await cleanUp();
});
afterAll(() => removeBuilt(workerScript));

async function call<T>(core: KioskCore<SyncPort>, name: string, input: unknown = {}): Promise<T> {
  const answer = (await core.dispatch(name, input)) as Result<T>;
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
  return answer.value;
}

describe('sync in a worker thread', () => {
  it('enrolls, sends edits, carries out commands and heartbeats, and survives the worker dying', async () => {
    const hub = await startHub({ demo: editableDemo });
    const core = createKioskCore({
      dataDir: join(tempDir('kiosk-worker-'), 'data'),
      appVersion: '0.0.0-test',
      demo: editableDemo,
      syncWorker: workerScript,
      sync: { intervalMs: 60_000, watchSeconds: 2, backoffBaseMs: 10, backoffMaxMs: 50, mediaBudgetBytes: 0 },
    });
    cores.push(core);
    const host = core.sync as SyncWorkerHost;
    core.start();
    await until(() => host.threadId !== null, 10_000, 'the worker to start');
    expect(host.threadId).not.toBe(threadId);

    // Enrollment from the staff panel goes through the worker.
    await call(core, 'staff.login', { pin: demoStaffPin });
    await call(core, 'staff.enroll', { hubUrl: hub.url, code: await hub.enrollCode() });
    await call(core, 'staff.logout');
    await until(() => core.sync.status().lastSyncAt !== null && core.sync.status().state === 'idle', 15_000, 'the first sync');
    expect(core.sync.status()).toMatchObject({ hubUrl: hub.url, blocked: '', lastError: '' });

    // An exhibitor's edit is written by the core and sent by the worker.
    const [projectId] = editableProjectIds(core, 1);
    const owner = (core.db.prepare('SELECT exhibitor_id FROM projects WHERE id = ?').get(projectId) as { exhibitor_id: string }).exhibitor_id;
    await call(core, 'exhibitor.login', { login: owner, pin: demoPin });
    await call(core, 'exhibitor.save', { target: 'project', id: projectId, values: { summary_ru: 'Экскурсии каждый час' } });
    await call(core, 'exhibitor.logout');
    await until(async () => (await hubRow(hub, 'projects', projectId ?? ''))?.summary_ru === 'Экскурсии каждый час', 15_000, 'the edit to reach the hub');

    // A command from the hub is carried out by the core and acknowledged; the heartbeat says what the screen does.
    const command = await hub.store.addCommand({ target: 'all', kind: 'presentation_start', payload: { playlist: { kind: 'featured' } }, expiresAt: hub.clock.now + 600_000 }, hub.clock.now);
    await until(async () => (await call<Presentation | null>(core, 'presentation.current')) !== null, 15_000, 'the presentation to start');
    await until(async () => (await hub.store.commandStatus(10)).find((c) => c.command.id === command)?.acks[0]?.outcome === 'done', 15_000, 'the acknowledgement');
    core.sync.syncNow();
    await until(async () => (await hub.store.listDevices())[0]?.lastHeartbeat?.mode === 'presentation', 15_000, 'a heartbeat in presentation mode');

    // The worker dies: it is started again and sync goes on.
    const before = host.threadId;
    await (host as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await until(() => host.threadId !== null && host.threadId !== before, 15_000, 'a new worker');
    const stop = await hub.store.addCommand({ target: 'all', kind: 'presentation_stop', payload: {}, expiresAt: hub.clock.now + 600_000 }, hub.clock.now);
    core.sync.syncNow();
    await until(async () => (await call<Presentation | null>(core, 'presentation.current')) === null, 15_000, 'the presentation to stop');
    await until(async () => (await hub.store.commandStatus(10)).find((c) => c.command.id === stop)?.acks[0]?.outcome === 'done', 15_000, 'the second acknowledgement');
    expect(core.log.tail().some((line) => /\[sync\] worker exited/.test(line))).toBe(true);
  }, 90_000);
});
