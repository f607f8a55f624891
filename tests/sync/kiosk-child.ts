// A kiosk's sync worker as its own process, for the kill -9 loop (kill-loop.test.ts builds this file with Vite and
// runs it with node) and the crash-loop bench (built as out/node/crash-loop-child.js; both drive it through
// bench/kill-cycle.ts). Usage: node kiosk-child.js <dataDir> <hubUrl> <enrollCode> <mode>
//   mode "work":  enroll if needed, then forever: maybe record an edit, run a sync cycle and the media downloads.
//   mode "final": no edits; sync until everything is level with the hub, then exit 0.
// It prints "ready" once its database is open, and "edit <mutation id> <value>" after an edit is committed, so the parent
// knows what must never be lost.
import { randomUUID } from 'node:crypto';
import { createKioskCore } from '../../electron/core/kiosk-core';
import { demoExhibitorIds, ownerOf } from './authors';

const [dataDir = '', hubUrl = '', code = '', mode = 'work'] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const core = createKioskCore({
    dataDir,
    appVersion: '0.0.0-kill-loop',
    demo: false,
    sync: { pageSize: 60, backoffBaseMs: 10, backoffMaxMs: 100, watchSeconds: 0, timeoutMs: 10_000 },
  });
  say('ready');
  if (core.sync.status().state === 'not_enrolled') {
    await core.sync.enroll(hubUrl, code, 'kill-loop');
    say('enrolled');
  }
  // Exhibitors edit all the time, also while a sync cycle is in flight: the demo PIN exhibitors, each their own projects.
  const tag = randomUUID().slice(0, 8);
  let edits = 0;
  const pick = core.db.prepare(
    `SELECT id FROM projects WHERE deleted = 0 AND exhibitor_id IN (${demoExhibitorIds.map(() => '?').join(', ')}) ORDER BY random() LIMIT 1`,
  );
  const edit = () => {
    const row = pick.get(...demoExhibitorIds) as { id: string } | undefined;
    if (!row) return;
    const value = `kiosk ${tag} ${++edits}`;
    const entry = core.sync.recordEdit('projects', row.id, { summary_en: value }, ownerOf(core, 'projects', row.id));
    say(`edit ${entry.id} ${value}`);
  };
  if (mode === 'work') setInterval(edit, 50 + Math.random() * 100);
  for (let round = 0; round < 10_000; round++) {
    const ok = await core.sync.cycle();
    await core.sync.mediaIdle();
    const status = core.sync.status();
    say(`cycle ${ok ? 'ok' : 'failed'} ${status.state} pending=${status.pendingEdits} media=${status.mediaBacklog}`);
    if (mode === 'final' && ok && status.state === 'idle' && status.pendingEdits === 0 && status.mediaBacklog === 0) {
      await core.close();
      say('converged');
      return;
    }
  }
  throw new Error('did not converge');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
