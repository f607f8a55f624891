// The core's side of the sync worker thread (sync-worker.ts): the same SyncPort as an in-thread SyncClient, so the
// core does not care where sync runs. Status is read from the core's own connection (the worker reports only what it
// is doing); an exhibitor's edit is written here, on the core's connection, then the worker is told to send it.
// Commands from the hub are carried out here, where the handlers live. A worker that dies is started again.
import { Worker } from 'node:worker_threads';
import type { Db } from '../../../db/connection';
import type { EditableTable, WireRow } from '../../../db/sync-tables';
import { recordEdit, type EditAuthor, type OutboxEntry } from './outbox';
import { dataAsOf, releaseLease, syncStatusOf, type CommandHandler, type SyncPort, type SyncState, type SyncStatus } from './sync-client';
import type { FromWorker, ToWorker, WorkerData, WorkerSyncOptions } from './worker-messages';

export type SyncWorkerHostOptions = {
  /** The built worker script (sync-worker.js beside the shell's or the web transport's bundle). */
  script: string;
  /** The core's own connection to the kiosk database (the worker opens its own). */
  db: Db;
  dbFile: string;
  mediaDir: string;
  appVersion: string;
  options: WorkerSyncOptions;
  mode: () => string;
  logTail: () => string[];
  log: (line: string) => void;
  onStatus: (status: SyncStatus) => void;
  onCatalogChanged: (dataAsOf: string) => void;
};

/** Waits before starting a worker again after it died: longer each time, reset after a minute of health. */
const restartDelaysMs = [500, 2_000, 10_000, 30_000];

export class SyncWorkerHost implements SyncPort {
  private worker: Worker | null = null;
  private state: SyncState = 'idle';
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private started = false;
  private closing = false;
  private deaths = 0;
  private bornAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private connectArgs: Extract<ToWorker, { t: 'connect' }> | null = null;
  private leaseOwner = '';
  /** The worker's thread id once it is running (for tests and the log). */
  threadId: number | null = null;

  constructor(private readonly options: SyncWorkerHostOptions) {
    this.spawn();
  }

  private spawn(): void {
    const data: WorkerData = { dbFile: this.options.dbFile, mediaDir: this.options.mediaDir, appVersion: this.options.appVersion, options: this.options.options };
    const worker = new Worker(this.options.script, { workerData: data, name: 'kiosk-sync' });
    this.worker = worker;
    this.bornAt = Date.now();
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.options.log(`[sync] worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.threadId = null;
      for (const request of this.pending.values()) request.reject(new Error('the sync worker stopped'));
      this.pending.clear();
      // A dead thread of this process cannot sync: its lease goes at once (the lease only recognises dead processes).
      if (this.leaseOwner) {
        releaseLease(this.options.db, this.leaseOwner);
        this.leaseOwner = '';
      }
      if (this.closing) return;
      if (Date.now() - this.bornAt > 60_000) this.deaths = 0;
      const delay = restartDelaysMs[Math.min(this.deaths, restartDelaysMs.length - 1)] ?? 30_000;
      this.deaths += 1;
      this.options.log(`[sync] worker exited (code ${code}); starting it again in ${delay} ms`);
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (this.closing) return;
        this.spawn();
        this.post({ t: 'commandKinds', kinds: [...this.handlers.keys()] });
        if (this.connectArgs) this.post(this.connectArgs);
        if (this.started) this.post({ t: 'start' });
      }, delay);
      this.restartTimer.unref();
    });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private request(make: (id: number) => ToWorker): Promise<void> {
    if (!this.worker) return Promise.reject(new Error('the sync worker is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post(make(id));
    });
  }

  private receive(message: FromWorker): void {
    switch (message.t) {
      case 'ready':
        this.threadId = message.threadId;
        this.leaseOwner = message.owner;
        this.options.log(`[sync] worker thread ${message.threadId} running`);
        return;
      case 'status':
        this.state = message.status.state === 'not_enrolled' || message.status.state === 'blocked' ? this.state : message.status.state;
        this.options.onStatus(this.status());
        return;
      case 'catalogChanged':
        this.options.onCatalogChanged(message.dataAsOf);
        return;
      case 'log':
        this.options.log(message.line);
        return;
      case 'reply': {
        const request = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error === null) request?.resolve();
        else request?.reject(new Error(message.error));
        return;
      }
      case 'context?':
        this.post({ t: 'context', id: message.id, mode: this.options.mode(), logTail: this.options.logTail() });
        return;
      case 'command': {
        const handler = this.handlers.get(message.command.kind);
        const done = (outcome: 'done' | 'failed', detail = '') => this.post({ t: 'commandDone', id: message.id, outcome, detail });
        if (!handler) return done('failed', `no handler for ${message.command.kind}`);
        Promise.resolve()
          .then(() => handler(message.command))
          .then(
            (outcome) => done(outcome),
            (error: unknown) => done('failed', (error instanceof Error ? error.message : String(error)).slice(0, 500)),
          );
        return;
      }
    }
  }

  status(): SyncStatus {
    return syncStatusOf(this.options.db, this.state);
  }

  enroll(hubUrl: string, code: string, name = ''): Promise<void> {
    return this.request((id) => ({ t: 'enroll', id, hubUrl, code, name }));
  }

  connect(hubUrl: string, enrollCode?: string, name = ''): void {
    this.connectArgs = { t: 'connect', hubUrl, code: enrollCode, name };
    this.post(this.connectArgs);
  }

  recordEdit(table: EditableTable, id: string, values: WireRow, author: EditAuthor): OutboxEntry {
    const entry = recordEdit(this.options.db, table, id, values, author, new Date());
    this.options.onCatalogChanged(dataAsOf(this.options.db));
    this.options.onStatus(this.status());
    this.syncNow();
    return entry;
  }

  onCommand(kind: string, handler: CommandHandler): void {
    this.handlers.set(kind, handler);
    this.post({ t: 'commandKinds', kinds: [kind] });
  }

  syncNow(): void {
    this.post({ t: 'syncNow' });
  }

  unblock(): void {
    this.post({ t: 'unblock' });
  }

  start(): void {
    this.started = true;
    this.post({ t: 'start' });
  }

  /** Stops sync in order: the worker finishes its step, gives up its lease and closes its connection. */
  async stop(): Promise<void> {
    this.started = false;
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (!this.worker) return;
    await Promise.race([this.request((id) => ({ t: 'stop', id })).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }

  close(): void {
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    void this.worker?.terminate();
    this.worker = null;
  }
}
