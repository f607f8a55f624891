// Text editing by on-screen keys: what a key does to a text at its caret. Positions are UTF-16 offsets, as in the DOM;
// a caret never ends up inside a surrogate pair, so an emoji is typed over, moved over and erased as one character.
import type { KeyboardAction } from '../components/OnScreenKeyboard';

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The caret one character to the left or right of `caret`. */
export function stepCaret(value: string, caret: number, direction: -1 | 1): number {
  if (direction < 0) {
    if (caret <= 0) return 0;
    return caret >= 2 && isLow(value.charCodeAt(caret - 1)) && isHigh(value.charCodeAt(caret - 2)) ? caret - 2 : caret - 1;
  }
  if (caret >= value.length) return value.length;
  return isHigh(value.charCodeAt(caret)) && isLow(value.charCodeAt(caret + 1)) ? caret + 2 : caret + 1;
}

/** Applies a key to the text between `start` and `end` (the selection; equal for a plain caret). */
export function applyKey(value: string, start: number, end: number, action: KeyboardAction): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, end, value.length));
  const to = Math.max(from, Math.min(Math.max(start, end), value.length));
  switch (action.type) {
    case 'insert':
      return { value: value.slice(0, from) + action.text + value.slice(to), caret: from + action.text.length };
    case 'backspace': {
      if (to > from) return { value: value.slice(0, from) + value.slice(to), caret: from };
      const previous = stepCaret(value, from, -1);
      return { value: value.slice(0, previous) + value.slice(from), caret: previous };
    }
    case 'clear':
      return { value: '', caret: 0 };
  }
}
