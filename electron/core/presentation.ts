// Presentation mode and the hub's banner (docs/staff.md). The running presentation lives in kiosk_settings, so it
// survives a restart. It starts and stops three ways: staff at this kiosk, a command from the hub, and the hub's
// schedule, which this kiosk applies from its own copy by its own clock (so it works with the network cut).
// A presentation started by hand is never replaced by the schedule; stopping one during a scheduled slot also
// dismisses that slot, so the schedule does not start it again a moment later.
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/queries/catalog';
import { activeScheduled, scheduleFor } from '../../db/queries/staff';
import type { Banner, Playlist, Presentation } from '../shared/contract';
import { playlistSchema } from '../shared/contract';

const currentKey = 'presentation.current';
const dismissedKey = 'presentation.dismissed';
const bannerKey = 'kiosk.banner';

/** How often the schedule is looked at: a scheduled presentation starts and ends within this of its time. */
export const scheduleTickMs = 5_000;

type Stored = Presentation & { occurrence?: string };

const occurrenceOf = (entry: { id: string; startsAt: number }): string => `${entry.id}@${entry.startsAt}`;

export type PresentationEvents = {
  changed: (presentation: Presentation | null) => void;
  banner: (banner: Banner | null) => void;
};

export class Presentations {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly events: PresentationEvents,
    /**
     * True while an exhibitor or staff member is using the screen: the schedule does not start a presentation over
     * their work (it starts at the next look once they are done).
     */
    private readonly inUse: () => boolean = () => false,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  private stored(): Stored | null {
    const text = readSetting(this.db, currentKey);
    if (!text) return null;
    try {
      const value = JSON.parse(text) as Stored;
      const playlist = playlistSchema.safeParse(value.playlist);
      if (!playlist.success || typeof value.intervalSeconds !== 'number') return null;
      return { ...value, playlist: playlist.data };
    } catch {
      return null;
    }
  }

  current(): Presentation | null {
    const stored = this.stored();
    if (!stored) return null;
    return { playlist: stored.playlist, intervalSeconds: stored.intervalSeconds, source: stored.source, startedBy: stored.startedBy, startedAt: stored.startedAt, endsAt: stored.endsAt };
  }

  private write(value: Stored | null): void {
    if (value) writeSetting(this.db, currentKey, JSON.stringify(value));
    else this.db.prepare('DELETE FROM kiosk_settings WHERE key = ?').run(currentKey);
    this.events.changed(this.current());
  }

  /** Starts (or replaces) a presentation by hand: staff at this kiosk (`kiosk`) or a hub command (`hub`). */
  start(playlist: Playlist, intervalSeconds: number, source: 'kiosk' | 'hub', startedBy: string): Presentation {
    this.write({ playlist, intervalSeconds, source, startedBy, startedAt: this.now().toISOString(), endsAt: null });
    return this.current() as Presentation;
  }

  /** Ends the presentation (staff or a hub command); a scheduled slot running now is dismissed. Reports whether one ran. */
  stop(): boolean {
    const running = this.stored();
    const active = activeScheduled(scheduleFor(this.db, this.zone()), this.now().getTime());
    if (active) writeSetting(this.db, dismissedKey, occurrenceOf(active));
    if (!running) return false;
    this.write(null);
    return true;
  }

  private zone(): string {
    return readSetting(this.db, 'kiosk.zone') ?? '';
  }

  /**
   * Applies the schedule at this moment: starts the slot that is due (unless staff run one of their own, or dismissed
   * this slot), ends a scheduled presentation whose slot is over or was removed.
   */
  tick(): void {
    try {
      this.applySchedule();
    } catch (error) {
      // A disk that cannot be written or a database busy for too long: the next look tries again.
      this.log(`schedule not applied: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private applySchedule(): void {
    const at = this.now().getTime();
    const active = activeScheduled(scheduleFor(this.db, this.zone()), at);
    const running = this.stored();
    const occurrence = active ? occurrenceOf(active) : null;
    if (running?.source === 'schedule' && running.occurrence !== occurrence) {
      this.write(null);
      return this.applySchedule();
    }
    if (!active || running || readSetting(this.db, dismissedKey) === occurrence || this.inUse()) return;
    this.write({
      playlist: active.playlist,
      intervalSeconds: active.intervalSeconds,
      source: 'schedule',
      startedBy: active.id,
      startedAt: new Date(at).toISOString(),
      endsAt: new Date(active.endsAt).toISOString(),
      occurrence: occurrence ?? undefined,
    });
  }

  /** Looks at the schedule now and then every few seconds until `close`. */
  startSchedule(): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), scheduleTickMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  // ---- the banner ----

  banner(): Banner | null {
    const text = readSetting(this.db, bannerKey);
    if (!text) return null;
    try {
      const banner = JSON.parse(text) as Banner;
      return Date.parse(banner.until) > this.now().getTime() ? banner : null;
    } catch {
      return null;
    }
  }

  /** Shows a message from the hub for `minutes` from now; empty texts clear it. */
  setBanner(ru: string, en: string, minutes: number): Banner | null {
    const text = { ru: ru.trim(), en: en.trim() };
    if (!text.ru && !text.en) {
      this.db.prepare('DELETE FROM kiosk_settings WHERE key = ?').run(bannerKey);
      this.events.banner(null);
      return null;
    }
    const banner: Banner = { text: { ru: text.ru || text.en, en: text.en || text.ru }, until: new Date(this.now().getTime() + minutes * 60_000).toISOString() };
    writeSetting(this.db, bannerKey, JSON.stringify(banner));
    this.events.banner(banner);
    return banner;
  }
}
