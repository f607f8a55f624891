// The kiosk's log: lines appended to <data>/logs/kiosk.log, rotated by size (kiosk.log.1 … .N), and the last lines
// kept in memory for the heartbeat, so staff see a kiosk's recent trouble on the hub without walking to it.
// Plain Node, used by both the Electron shell and `npm run web`.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type KioskLogOptions = { dir: string; maxBytes?: number; files?: number; tailLines?: number; now?: () => Date };

export class KioskLog {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly files: number;
  private readonly tailLines: number;
  private readonly now: () => Date;
  private readonly recent: string[] = [];
  private size: number;

  constructor(options: KioskLogOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.file = join(options.dir, 'kiosk.log');
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.files = options.files ?? 5;
    this.tailLines = options.tailLines ?? 50;
    this.now = options.now ?? (() => new Date());
    this.size = existsSync(this.file) ? statSync(this.file).size : 0;
  }

  write(level: 'info' | 'warn' | 'error', message: string): void {
    // One line per entry: a message with line breaks (a stack trace) is folded so the file stays line-oriented.
    const line = `${this.now().toISOString()} ${level.toUpperCase()} ${message.replace(/\r?\n/g, ' ⏎ ')}`;
    this.recent.push(line);
    if (this.recent.length > this.tailLines) this.recent.splice(0, this.recent.length - this.tailLines);
    try {
      const bytes = Buffer.byteLength(line) + 1;
      if (this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, `${line}\n`);
      this.size += bytes;
    } catch {
      // A full or read-only disk must not take the kiosk down with it: the line stays in memory.
    }
  }

  private rotate(): void {
    rmSync(`${this.file}.${this.files}`, { force: true });
    for (let i = this.files - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    if (existsSync(this.file)) renameSync(this.file, `${this.file}.1`);
    this.size = 0;
  }

  /** The last lines written, oldest first. */
  tail(): string[] {
    return [...this.recent];
  }

  /** Sends console.log/warn/error to this log as well as to the terminal. */
  captureConsole(target: Pick<Console, 'log' | 'info' | 'warn' | 'error'> = console): void {
    const format = (args: unknown[]) =>
      args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : typeof a === 'string' ? a : safeJson(a))).join(' ');
    for (const [method, level] of [
      ['log', 'info'],
      ['info', 'info'],
      ['warn', 'warn'],
      ['error', 'error'],
    ] as const) {
      const original = target[method].bind(target);
      target[method] = (...args: unknown[]) => {
        original(...args);
        this.write(level, format(args));
      };
    }
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
