// The messages between the kiosk core and its sync worker thread (sync-host.ts ⇄ sync-worker.ts).
// Plain data only: they cross a worker_threads MessagePort by structured clone.
import type { Command } from '../../shared/sync-protocol';
import type { SyncClientOptions, SyncStatus } from './sync-client';

/** Sync settings that can cross to the worker (no functions). */
export type WorkerSyncOptions = Pick<
  SyncClientOptions,
  'intervalMs' | 'watchSeconds' | 'backoffBaseMs' | 'backoffMaxMs' | 'pageSize' | 'mediaBudgetBytes' | 'mediaMaxAttempts' | 'timeoutMs'
>;

export type WorkerData = { dbFile: string; mediaDir: string; appVersion: string; options: WorkerSyncOptions };

/** From the core to the worker. `id` pairs a request with its reply. */
export type ToWorker =
  | { t: 'start' }
  | { t: 'stop'; id: number }
  | { t: 'syncNow' }
  | { t: 'unblock' }
  | { t: 'connect'; hubUrl: string; code: string | undefined; name: string }
  | { t: 'enroll'; id: number; hubUrl: string; code: string; name: string }
  /** The command kinds the core carries out; the worker hands those to the core. */
  | { t: 'commandKinds'; kinds: string[] }
  | { t: 'commandDone'; id: number; outcome: 'done' | 'failed'; detail: string }
  | { t: 'context'; id: number; mode: string; logTail: string[] };

/** From the worker to the core. */
export type FromWorker =
  /** `owner`: the worker's name in the sync lease, released by the core if the worker dies holding it. */
  | { t: 'ready'; threadId: number; owner: string }
  | { t: 'status'; status: SyncStatus }
  | { t: 'catalogChanged'; dataAsOf: string }
  | { t: 'log'; line: string }
  | { t: 'reply'; id: number; error: string | null }
  | { t: 'command'; id: number; command: Command }
  /** Before a heartbeat: the worker asks what the kiosk is doing and for its log's tail. */
  | { t: 'context?'; id: number };
