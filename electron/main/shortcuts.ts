// The shell's side of the kiosk shortcuts (electron/shared/shortcuts.ts): Electron sees every key before the page
// and Chromium do, so a blocked shortcut never reaches either. Plain Node: unit-tested in tests/unit/shell.
import { shortcutVerdict, type KeyInput } from '../shared/shortcuts';

export type ShortcutDeps = {
  contents: { on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInput) => void): unknown };
  quit(): void;
  log?(line: string): void;
};

/** Swallows every blocked shortcut before the page or Chromium sees it; the maintenance chord quits. */
export function guardShortcuts(deps: ShortcutDeps): void {
  deps.contents.on('before-input-event', (event, input) => {
    const verdict = shortcutVerdict(input);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'maintenance-quit') {
      deps.log?.('maintenance quit (Ctrl+Alt+Shift+Q)');
      deps.quit();
    }
  });
}
