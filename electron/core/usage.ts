// Anonymous usage counts on the kiosk (docs/privacy.md). What the screen reports becomes a count per hour of the kiosk's
// clock; nothing identifies a person: no times finer than an hour, no sequence of screens, no session ids, and
// nothing at all while an exhibitor or staff member is logged in. Search terms are cut short and lose their digits,
// and terms with '@' are not counted, so a phone number, a booking code or an e-mail typed into search never leaves
// the kiosk.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { forbiddenText } from '../../db/edit-check';
import type { UsageEvent } from '../shared/contract';

export const usageMetrics = [
  'session',
  'session_length',
  'idle_reset',
  'screen',
  'project',
  'region',
  'cluster',
  'route_stop',
  'qr',
  'search',
  'search_empty',
  'language',
  'accessibility',
] as const;
export type UsageMetric = (typeof usageMetrics)[number];

/**
 * A search term as counted, or '' for one not counted at all. Lower case, single spaces, at most 40 characters (whole
 * characters, never half an emoji), no control or direction-changing characters. Every digit becomes '#' (phone
 * numbers, booking codes), and a term with '@' (an e-mail address) is not counted: what reaches the hub names things
 * people look for, never a person.
 */
export function countableTerm(query: string): string {
  const term = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Nd}/gu, '#')
    .replace(new RegExp(forbiddenText.source, 'gu'), '')
    .replace(/\s+/g, ' ')
    .trim();
  if (term.includes('@')) return '';
  return [...term].slice(0, 40).join('').trim();
}

/** Visit lengths in buckets wide enough that no visit can be told apart by its length. */
export function lengthBucket(seconds: number): string {
  if (seconds < 30) return 'under_30s';
  if (seconds < 60) return '30s_1m';
  if (seconds < 180) return '1m_3m';
  if (seconds < 600) return '3m_10m';
  return 'over_10m';
}

const hourOf = (at: Date) => at.toISOString().slice(0, 13);

export class UsageCounter {
  private visitStartedAt: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    /** True while an exhibitor or staff member is logged in: nothing is counted then. */
    private readonly privateSession: () => boolean,
  ) {}

  private add(metric: UsageMetric, subject = '', count = 1): void {
    this.db
      .prepare(
        `INSERT INTO usage_counts (hour, metric, subject, count) VALUES (?, ?, ?, ?)
         ON CONFLICT (hour, metric, subject) DO UPDATE SET count = count + excluded.count`,
      )
      .run(hourOf(this.now()), metric, subject, count);
  }

  /** A visit starts (someone touched the attract loop) or ends (the idle reset brought the attract loop back). */
  activity(activity: 'attract' | 'visit'): void {
    const at = this.now().getTime();
    if (activity === 'visit' && this.visitStartedAt === null) {
      this.visitStartedAt = at;
      if (!this.privateSession()) this.add('session');
    } else if (activity === 'attract' && this.visitStartedAt !== null) {
      const seconds = Math.max(0, (at - this.visitStartedAt) / 1000);
      this.visitStartedAt = null;
      if (!this.privateSession()) {
        this.add('idle_reset');
        this.add('session_length', lengthBucket(seconds));
      }
    }
  }

  record(event: UsageEvent): void {
    if (this.privateSession()) return;
    switch (event.kind) {
      case 'screen':
        this.add('screen', event.screen);
        break;
      case 'project':
      case 'region':
      case 'cluster':
      case 'route_stop':
      case 'qr':
        this.add(event.kind, event.id);
        break;
      case 'search': {
        const term = countableTerm(event.query);
        if (!term) return;
        this.add('search', term);
        if (event.results === 0) this.add('search_empty', term);
        break;
      }
      case 'language':
        this.add('language', event.language);
        break;
      case 'accessibility':
        this.add('accessibility', event.mode);
        break;
    }
  }
}

/** How often a syncing kiosk hands its counts to the outbox. */
export const usageFlushIntervalMs = 10 * 60_000;

/** The most counts one mutation carries; more wait for the next flush. */
const batchLimit = 500;

/**
 * Moves the counts into the outbox as one 'usage' mutation, in one transaction: from then on they travel with the
 * outbox's exactly-once delivery (the hub applies a mutation id once), so a retry never counts them twice.
 * Returns how many count rows were moved.
 */
export function flushUsage(db: Db, enqueue: (kind: string, payload: Record<string, unknown>, id: string) => void): number {
  return db
    .transaction(() => {
      const rows = db.prepare('SELECT hour, metric, subject, count FROM usage_counts ORDER BY hour, metric, subject LIMIT ?').all(batchLimit) as {
        hour: string;
        metric: string;
        subject: string;
        count: number;
      }[];
      if (rows.length === 0) return 0;
      enqueue('usage', { counts: rows.map((r) => [r.hour, r.metric, r.subject, r.count]) }, randomUUID());
      const remove = db.prepare('DELETE FROM usage_counts WHERE hour = ? AND metric = ? AND subject = ?');
      for (const r of rows) remove.run(r.hour, r.metric, r.subject);
      return rows.length;
    })
    .immediate();
}
