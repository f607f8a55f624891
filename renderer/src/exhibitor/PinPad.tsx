import { useEffect, useState } from 'react';
import type { ErrorCode } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';
import { words } from './words';

/** The most digits a PIN has (docs/security.md: 4 to 8). */
export const maxPinLength = 8;
export const minPinLength = 4;

const digitRows = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

/**
 * How many digits have been typed, as dots: never the digits themselves, so nobody reads a PIN over a shoulder.
 * At least six places, so the length of a short PIN is not obvious either.
 */
export function PinDots({ length }: { length: number }) {
  const { language } = useI18n();
  const places = Math.max(6, length);
  return (
    <div className="pin-dots" role="img" aria-label={language === 'ru' ? `Введено цифр: ${length}` : `Digits entered: ${length}`}>
      {Array.from({ length: places }, (_, index) => (
        <span key={index} className={index < length ? 'pin-dot filled' : 'pin-dot'} aria-hidden="true" />
      ))}
    </div>
  );
}

/** A digit keypad for the PIN: big keys, in the telephone order, with erase and clear. */
export function PinPad({ onDigit, onBackspace, onClear }: { onDigit: (digit: string) => void; onBackspace: () => void; onClear: () => void }) {
  const { pick, language } = useI18n();
  return (
    <div className="pin-pad" role="group" aria-label={pick(words.pinPad)}>
      {digitRows.map((row) =>
        row.map((digit) => (
          <button key={digit} type="button" className="pin-key" onClick={() => onDigit(digit)}>
            {digit}
          </button>
        )),
      )}
      <button type="button" className="pin-key pin-key-function" onClick={onClear}>
        {language === 'ru' ? 'Очистить' : 'Clear'}
      </button>
      <button type="button" className="pin-key" onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="pin-key pin-key-function" aria-label={language === 'ru' ? 'Стереть' : 'Backspace'} onClick={onBackspace}>
        <span aria-hidden="true">⌫</span>
      </button>
    </div>
  );
}

/** Where a PIN login stands on screen (the exhibitor's and the staff member's). */
export type PinLoginStatus =
  | { kind: 'idle' }
  | { kind: 'busy' }
  /** Wrong PIN (or booth); `until` when the next attempt has to wait. `at`: when the answer came. */
  | { kind: 'wrong'; until: number | null; at: number }
  | { kind: 'wait'; until: number; at: number }
  | { kind: 'error'; code: ErrorCode };

/**
 * Seconds left until `until`, ticking while a wait runs, so the countdown moves and the button comes back by itself.
 * `since` is when the wait was learnt: the clock is read again only by the ticks.
 */
export function useCountdown(until: number | null, since: number): number {
  const [now, setNow] = useState(since);
  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - Math.max(now, since)) / 1000));
}
