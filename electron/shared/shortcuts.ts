// Keyboard shortcuts on a public kiosk. Visitors have no keyboard, but a keyboard can be plugged in (or a barcode
// scanner can type): nothing may reload, zoom, print, open devtools, close or navigate the kiosk. One rule set for the
// Electron shell (before-input-event, electron/main/shortcuts.ts) and the page itself (renderer/src/hardening.ts,
// which is all a browser kiosk on `npm run web` has). Staff keep one documented maintenance path in the shell:
// Ctrl+Alt+Shift+Q quits to the desktop (docs/deploy.md).

export type KeyInput = {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
};

export type ShortcutVerdict = 'allow' | 'block' | 'maintenance-quit';

const blockedAlone = new Set(['F1', 'F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'Print', 'PrintScreen', 'ContextMenu']);
// With Ctrl (or Cmd): reload, zoom, print, save, open, find, new window/tab, close, quit, view source, devtools, select all.
const blockedWithControl = new Set(['r', 'p', 's', 'o', 'f', 'g', 'n', 't', 'w', 'q', 'u', 'h', 'j', 'l', 'd', 'e', 'k', 'a', '+', '=', '-', '_', '0', 'tab', 'pageup', 'pagedown']);

/**
 * The Latin key on the physical key pressed (`KeyR` → `r`), whatever the keyboard layout: with the Russian layout on,
 * Ctrl+R arrives as `key: 'к'`, and Chromium still reloads, because its shortcuts go by the physical key too.
 */
function physicalKey(code: string | undefined): string | null {
  if (!code) return null;
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!.toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return digit[1]!;
  return ({ Equal: '=', Minus: '-', NumpadAdd: '+', NumpadSubtract: '-' } as Record<string, string>)[code] ?? null;
}

export function shortcutVerdict(input: KeyInput): ShortcutVerdict {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return 'allow';
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const physical = physicalKey(input.code);
  const is = (name: string) => key === name || physical === name;
  const command = input.control || input.meta;
  if (command && input.alt && input.shift && is('q')) return 'maintenance-quit';
  if (blockedAlone.has(input.key)) return 'block';
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || is('d'))) return 'block';
  const devtools = (input.shift || input.alt) && (is('i') || is('j') || is('c') || key === 'Delete');
  const withControl = blockedWithControl.has(key.toLowerCase()) || (physical !== null && blockedWithControl.has(physical));
  if (command && (withControl || devtools)) return 'block';
  // Alt alone opens a hidden menu bar on some platforms.
  if (input.key === 'Alt' || input.key === 'Meta') return 'block';
  return 'allow';
}
