import { describe, expect, it, vi } from 'vitest';
import { guardShortcuts } from '../../../electron/main/shortcuts';
import { shortcutVerdict, type KeyInput } from '../../../electron/shared/shortcuts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, meta: false, alt: false, shift: false, ...mods });

describe('kiosk shortcuts', () => {
  it.each([
    ['F5 reload', key('F5')],
    ['Ctrl+R reload', key('r', { control: true })],
    ['Ctrl+Shift+R hard reload', key('R', { control: true, shift: true })],
    ['F12 devtools', key('F12')],
    ['Ctrl+Shift+I devtools', key('I', { control: true, shift: true })],
    ['Cmd+Alt+I devtools', key('i', { meta: true, alt: true })],
    ['Ctrl+= zoom in', key('=', { control: true })],
    ['Ctrl+- zoom out', key('-', { control: true })],
    ['Ctrl+0 zoom reset', key('0', { control: true })],
    ['Ctrl+P print', key('p', { control: true })],
    ['Ctrl+W close', key('w', { control: true })],
    ['Ctrl+Q quit', key('q', { control: true })],
    ['Alt+F4 close', key('F4', { alt: true })],
    ['Alt+Left back', key('ArrowLeft', { alt: true })],
    ['F11 full screen', key('F11')],
    ['browser back key', key('BrowserBack')],
    ['Alt alone (menu bar)', key('Alt', { alt: true })],
    // The Russian layout: the same physical keys give Cyrillic letters, and Chromium's shortcuts still fire.
    ['Ctrl+R on the Russian layout', key('к', { control: true, code: 'KeyR' })],
    ['Ctrl+P on the Russian layout', key('з', { control: true, code: 'KeyP' })],
    ['Ctrl+Shift+I on the Russian layout', key('Ш', { control: true, shift: true, code: 'KeyI' })],
    ['Ctrl+W on the Russian layout', key('ц', { control: true, code: 'KeyW' })],
    ['Ctrl+numpad plus zoom', key('+', { control: true, code: 'NumpadAdd' })],
    ['Ctrl+Shift+Delete (clear browsing data)', key('Delete', { control: true, shift: true })],
  ])('swallows %s', (_name, input) => {
    expect(shortcutVerdict(input)).toBe('block');
  });

  it.each([
    ['letters', key('a')],
    ['space (presentation clicker)', key(' ')],
    ['PageDown (presentation clicker)', key('PageDown')],
    ['arrows', key('ArrowRight')],
    ['Escape', key('Escape')],
    ['key releases', { ...key('F5'), type: 'keyUp' }],
    ['Cyrillic letters typed on the Russian layout', key('к', { code: 'KeyR' })],
    ['Ctrl+C copy in a text field, Russian layout', key('с', { control: true, code: 'KeyC' })],
  ])('lets %s through', (_name, input) => {
    expect(shortcutVerdict(input)).toBe('allow');
  });

  it('keeps one maintenance path for staff: Ctrl+Alt+Shift+Q quits', () => {
    const listeners: ((event: { preventDefault(): void }, input: KeyInput) => void)[] = [];
    const quit = vi.fn();
    guardShortcuts({ contents: { on: (_event, listener) => listeners.push(listener) }, quit });
    const fire = (input: KeyInput) => {
      const event = { preventDefault: vi.fn() };
      listeners.forEach((l) => l(event, input));
      return event.preventDefault;
    };
    expect(fire(key('r', { control: true }))).toHaveBeenCalled();
    expect(quit).not.toHaveBeenCalled();
    expect(fire(key('a'))).not.toHaveBeenCalled();
    expect(fire(key('Q', { control: true, alt: true, shift: true, code: 'KeyQ' }))).toHaveBeenCalled();
    expect(quit).toHaveBeenCalledTimes(1);
    // The same chord on the Russian layout (Q is «Й» there).
    expect(fire(key('Й', { control: true, alt: true, shift: true, code: 'KeyQ' }))).toHaveBeenCalled();
    expect(quit).toHaveBeenCalledTimes(2);
  });
});
