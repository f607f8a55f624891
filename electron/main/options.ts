// Command-line options of the Electron shell. Plain Node (no electron import) so it can be unit-tested.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export type ShellOptions = {
  /** Absolute data folder from `--data <dir>` or KIOSK_DATA_DIR; null means "the default under userData". */
  dataDir: string | null;
  idleSeconds: number | undefined;
  /** The hub to sync with (`--hub <url>`) and a one-time enrollment code (`--enroll <code>`). */
  hub: string | undefined;
  enroll: string | undefined;
  /** A normal window instead of full-screen kiosk mode, for development. */
  windowed: boolean;
  /** Problems worth a line in the log; a bad option must never stop a kiosk from starting. */
  warnings: string[];
};

/**
 * Reads `--data <dir>`, `--idle-seconds <n>` and `--windowed` from argv.
 * Not strict: Chromium and Playwright add their own switches (`--remote-debugging-port=0`, `--no-sandbox`, …).
 */
export function parseShellArgs(argv: readonly string[], env: Record<string, string | undefined>): ShellOptions {
  const warnings: string[] = [];
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      'idle-seconds': { type: 'string' },
      windowed: { type: 'boolean' },
      hub: { type: 'string' },
      enroll: { type: 'string' },
    },
  });

  // Without `strict`, a switch given without its value comes back as `true`.
  const data = typeof values.data === 'string' && values.data !== '' ? values.data : env.KIOSK_DATA_DIR || null;
  if (values.data === true) warnings.push('--data needs a folder; ignored');

  let idleSeconds: number | undefined;
  const idle = values['idle-seconds'];
  if (idle !== undefined) {
    const parsed = typeof idle === 'string' && /^\d{1,6}$/.test(idle) ? Number(idle) : NaN;
    if (Number.isInteger(parsed) && parsed > 0) idleSeconds = parsed;
    else warnings.push(`--idle-seconds needs a positive whole number of seconds; ignored ${JSON.stringify(idle)}`);
  }

  let hub: string | undefined;
  if (typeof values.hub === 'string') {
    try {
      const url = new URL(values.hub);
      if (url.protocol === 'http:' || url.protocol === 'https:') hub = url.origin;
      else warnings.push(`--hub must be an http(s) address; ignored ${JSON.stringify(values.hub)}`);
    } catch {
      warnings.push(`--hub must be an http(s) address; ignored ${JSON.stringify(values.hub)}`);
    }
  }
  const enroll = typeof values.enroll === 'string' && values.enroll !== '' ? values.enroll : undefined;

  return { dataDir: data ? resolve(data) : null, idleSeconds, windowed: values.windowed === true, hub, enroll, warnings };
}
