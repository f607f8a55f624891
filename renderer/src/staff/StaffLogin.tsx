import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { maxPinLength, minPinLength, PinDots, PinPad, useCountdown, type PinLoginStatus } from '../exhibitor/PinPad';
import { formatWait } from '../exhibitor/words';
import { useI18n } from '../i18n/i18n';
import { useDialogFocus } from './dialog';
import { words } from './words';
import '../exhibitor/exhibitor.css';

/** A prompt nobody touches goes away by itself: a visitor must not find it left open. */
export const loginIdleMs = 60_000;


/**
 * "Staff login": the staff member's own PIN on a keypad that shows dots only. A wrong PIN and the growing wait after
 * several are told in words, the wait with a countdown (the core keeps the count: a reload does not reset it).
 */
export function StaffLogin({ onCancel, onLoggedIn }: { onCancel: () => void; onLoggedIn: () => void }) {
  const { pick, language, errorMessage } = useI18n();
  const [pin, setPin] = useState('');
  const [status, setStatus] = useState<PinLoginStatus>({ kind: 'idle' });
  const timed = status.kind === 'wait' || status.kind === 'wrong' ? status : null;
  const secondsLeft = useCountdown(timed?.until ?? null, timed?.at ?? 0);
  const waiting = secondsLeft > 0;
  const busy = status.kind === 'busy';
  const dialog = useDialogFocus<HTMLDivElement>(onCancel);

  // Closes by itself after a minute without a touch.
  const [touched, setTouched] = useState(0);
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  }, [onCancel]);
  useEffect(() => {
    const timer = window.setTimeout(() => cancel.current(), loginIdleMs);
    return () => window.clearTimeout(timer);
  }, [touched]);

  const submit = async () => {
    if (busy || waiting || pin.length < minPinLength) return;
    setStatus({ kind: 'busy' });
    const result = await api.invoke('staff.login', { pin });
    // No digit of a PIN stays in memory once it has been checked.
    setPin('');
    if (result.ok) {
      onLoggedIn();
      return;
    }
    const { code, retryAfterSeconds } = result.error;
    const at = Date.now();
    const until = retryAfterSeconds ? at + retryAfterSeconds * 1000 : null;
    if (code === 'unauthorized') setStatus({ kind: 'wrong', until, at });
    else if (code === 'rate_limited') setStatus({ kind: 'wait', until: until ?? at + 1000, at });
    else setStatus({ kind: 'error', code });
  };

  return (
    <div className="overlay staff-overlay" onPointerDown={() => setTouched((n) => n + 1)}>
      <div ref={dialog} className="staff-dialog staff-login" role="dialog" aria-modal="true" aria-labelledby="staff-login-title" tabIndex={-1}>
        <h2 id="staff-login-title">{pick(words.loginTitle)}</h2>
        <p className="muted">{pick(words.loginHint)}</p>
        <PinDots length={pin.length} />
        {status.kind === 'error' && (
          <p className="staff-error" role="alert">
            {errorMessage(status.code)}
          </p>
        )}
        {(status.kind === 'wrong' || status.kind === 'wait') && (
          <div className="staff-login-message">
            {/* The sentence is announced once; the countdown under it changes every second without being read out. */}
            <p className="staff-error" role="alert">
              {pick(status.kind === 'wrong' ? words.wrongPin : words.tooMany)}
            </p>
            {waiting && (
              <p className="staff-countdown">
                {pick(words.nextAttempt)}
                <span className="staff-countdown-time">{formatWait(secondsLeft, language)}</span>
              </p>
            )}
            {status.until !== null && !waiting && (
              <p className="muted" role="status">
                {pick(words.tryAgainNow)}
              </p>
            )}
          </div>
        )}
        <PinPad
          onDigit={(digit) => setPin((current) => (current.length < maxPinLength ? current + digit : current))}
          onBackspace={() => setPin((current) => current.slice(0, -1))}
          onClear={() => setPin('')}
        />
        <div className="staff-actions">
          <button type="button" className="staff-button primary" disabled={busy || waiting || pin.length < minPinLength} onClick={() => void submit()}>
            {busy ? pick(words.checking) : pick(words.logIn)}
          </button>
          <button type="button" className="staff-button" onClick={onCancel}>
            {pick(words.cancel)}
          </button>
        </div>
        <p className="muted staff-small">{pick(words.forgotPin)}</p>
      </div>
    </div>
  );
}
