// The sync worker thread: the kiosk's SyncClient, off the core's thread, so parsing pages, writing them to SQLite and
// hashing media never hold up a visitor's tap. Built as its own entry (sync-worker.js beside the shell's and the web
// transport's bundles); started by SyncWorkerHost (sync-host.ts). Its own database connection and media store point
// at the same files as the core's; everything it knows is in SQLite, so a worker that dies is simply started again.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { MediaStore } from '../media-store';
import { SyncClient } from './sync-client';
import type { FromWorker, ToWorker, WorkerData } from './worker-messages';

const port = parentPort;
if (!port) throw new Error('sync-worker.js runs as a worker thread of the kiosk core');
const data = workerData as WorkerData;
const send = (message: FromWorker) => port.postMessage(message);

let context = { mode: 'attract', logTail: [] as string[] };
// Ids unique to this worker (thread ids are never reused in a process): an answer meant for a worker that died is
// never taken for one of ours.
let nextId = threadId * 1_000_000 + 1;
const waiting = new Map<number, (message: ToWorker) => void>();
const ask = <T extends ToWorker>(message: (id: number) => FromWorker, timeoutMs: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error('the kiosk core did not answer'));
    }, timeoutMs);
    waiting.set(id, (answer) => {
      clearTimeout(timer);
      resolve(answer as T);
    });
    send(message(id));
  });

const sync = new SyncClient({
  ...data.options,
  dbFile: data.dbFile,
  media: new MediaStore(data.mediaDir),
  appVersion: data.appVersion,
  mode: () => context.mode,
  logTail: () => context.logTail,
  beforeHeartbeat: async () => {
    const answer = await ask<Extract<ToWorker, { t: 'context' }>>((id) => ({ t: 'context?', id }), 2_000);
    context = { mode: answer.mode, logTail: answer.logTail };
  },
  log: (line) => send({ t: 'log', line }),
  onStatus: (status) => send({ t: 'status', status }),
  onCatalogChanged: (dataAsOf) => send({ t: 'catalogChanged', dataAsOf }),
});

const reply = (id: number, work: Promise<unknown>) => {
  work.then(
    () => send({ t: 'reply', id, error: null }),
    (error: unknown) => send({ t: 'reply', id, error: error instanceof Error ? error.message : String(error) }),
  );
};

port.on('message', (message: ToWorker) => {
  switch (message.t) {
    case 'start':
      return sync.start();
    case 'stop':
      return reply(
        message.id,
        sync.stop().then(() => sync.close()),
      );
    case 'syncNow':
      return sync.syncNow();
    case 'unblock':
      return sync.unblock();
    case 'connect':
      return sync.connect(message.hubUrl, message.code, message.name);
    case 'enroll':
      return reply(message.id, sync.enroll(message.hubUrl, message.code, message.name));
    case 'commandKinds':
      for (const kind of message.kinds) {
        sync.onCommand(kind, async (command) => {
          const answer = await ask<Extract<ToWorker, { t: 'commandDone' }>>((id) => ({ t: 'command', id, command }), 30_000);
          if (answer.outcome === 'failed' && answer.detail) throw new Error(answer.detail);
          return answer.outcome;
        });
      }
      return;
    case 'commandDone':
    case 'context':
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
      return;
  }
});

send({ t: 'ready', threadId, owner: sync.owner });
