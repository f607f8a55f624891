import { useCallback, useState, type FormEvent } from 'react';
import type { ExhibitorSession } from '../../../electron/shared/contract';
import { OnScreenKeyboard, type KeyboardAction } from '../components/OnScreenKeyboard';
import { useI18n } from '../i18n/i18n';
import { useExhibitorHost } from './context';
import { applyKey } from './editing';
import { maxPinLength, minPinLength, PinDots, PinPad, useCountdown, type PinLoginStatus } from './PinPad';
import { formatWait, words } from './words';
import '../screens/find.css';

/** Nobody types a longer booth number or exhibitor id; the contract refuses more than 64 characters. */
const maxLoginLength = 64;


/**
 * Booth number, then PIN. On a kiosk: the booth on the on-screen keyboard, then the PIN on a keypad that shows dots
 * only. In the portal: two ordinary inputs. A wrong PIN and the growing wait after several are told in the visitor's
 * language, the wait with a countdown; the core keeps the count, so neither a reload nor a restart resets it.
 */
export function LoginForm({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: (session: ExhibitorSession) => void }) {
  const host = useExhibitorHost();
  const { pick, errorMessage } = useI18n();
  const [step, setStep] = useState<'booth' | 'pin'>('booth');
  const [booth, setBooth] = useState('');
  const [pin, setPin] = useState('');
  const [status, setStatus] = useState<PinLoginStatus>({ kind: 'idle' });
  const timed = status.kind === 'wait' || status.kind === 'wrong' ? status : null;
  const secondsLeft = useCountdown(timed?.until ?? null, timed?.at ?? 0);
  const waiting = secondsLeft > 0;
  const busy = status.kind === 'busy';

  const submit = async () => {
    if (busy || waiting || booth.trim() === '' || pin.length < minPinLength) return;
    setStatus({ kind: 'busy' });
    const result = await host.api.invoke('exhibitor.login', { login: booth.trim(), pin });
    // No digit of a PIN stays on screen or in memory once it has been checked.
    setPin('');
    if (result.ok) {
      setStatus({ kind: 'idle' });
      onLoggedIn(result.value);
      return;
    }
    const { code, retryAfterSeconds } = result.error;
    const at = Date.now();
    const waitUntil = retryAfterSeconds ? at + retryAfterSeconds * 1000 : null;
    if (code === 'unauthorized') setStatus({ kind: 'wrong', until: waitUntil, at });
    else if (code === 'rate_limited') setStatus({ kind: 'wait', until: waitUntil ?? at + 1000, at });
    else setStatus({ kind: 'error', code });
  };

  const onBoothKey = useCallback((action: KeyboardAction) => {
    setBooth((current) => applyKey(current, current.length, current.length, action).value.slice(0, maxLoginLength));
  }, []);

  const message = <LoginMessage status={status} secondsLeft={secondsLeft} errorText={status.kind === 'error' ? errorMessage(status.code) : ''} />;

  if (host.keyboard === 'native') {
    const onSubmit = (event: FormEvent) => {
      event.preventDefault();
      void submit();
    };
    return (
      <form className="exh-login" onSubmit={onSubmit}>
        {notice && <p className="notice">{notice}</p>}
        <label className="exh-label">
          <span>{pick(words.boothNumber)}</span>
          <input className="exh-input" value={booth} maxLength={maxLoginLength} autoComplete="username" onChange={(event) => setBooth(event.target.value)} />
        </label>
        <label className="exh-label">
          <span>{pick(words.pin)}</span>
          <input
            className="exh-input"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            maxLength={maxPinLength}
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, maxPinLength))}
          />
        </label>
        {message}
        <button type="submit" className="button primary exh-main-button" disabled={busy || waiting || booth.trim() === '' || pin.length < minPinLength}>
          {busy ? pick(words.checking) : pick(words.logIn)}
        </button>
        <p className="muted">{pick(words.forgotPin)}</p>
      </form>
    );
  }

  if (step === 'booth') {
    return (
      <div className="exh-login">
        {notice && <p className="notice">{notice}</p>}
        <label className="exh-label">
          <span>{pick(words.boothNumber)}</span>
          {/* inputMode "none": a touch here must never raise the system keyboard; the kiosk's own is below. */}
          <input
            className="exh-input exh-booth-input"
            value={booth}
            inputMode="none"
            autoComplete="off"
            maxLength={maxLoginLength}
            placeholder={pick(words.boothHint)}
            onChange={(event) => setBooth(event.target.value)}
          />
        </label>
        <button type="button" className="button primary exh-main-button" disabled={booth.trim() === ''} onClick={() => setStep('pin')}>
          {pick(words.next)}
        </button>
        <div className="exh-keyboard">
          <OnScreenKeyboard onAction={onBoothKey} />
        </div>
      </div>
    );
  }

  return (
    <div className="exh-login">
      {notice && <p className="notice">{notice}</p>}
      <div className="exh-login-booth">
        <span>
          {pick(words.boothNumber)}: <strong>{booth.trim()}</strong>
        </span>
        <button
          type="button"
          className="button"
          onClick={() => {
            setPin('');
            setStep('booth');
          }}
        >
          {pick(words.changeBooth)}
        </button>
      </div>
      <p className="muted">{pick(words.pinHint)}</p>
      <PinDots length={pin.length} />
      {message}
      <PinPad
        onDigit={(digit) => setPin((current) => (current.length < maxPinLength ? current + digit : current))}
        onBackspace={() => setPin((current) => current.slice(0, -1))}
        onClear={() => setPin('')}
      />
      <button type="button" className="button primary exh-main-button" disabled={busy || waiting || pin.length < minPinLength} onClick={() => void submit()}>
        {busy ? pick(words.checking) : pick(words.logIn)}
      </button>
      <p className="muted">{pick(words.forgotPin)}</p>
    </div>
  );
}

function LoginMessage({ status, secondsLeft, errorText }: { status: PinLoginStatus; secondsLeft: number; errorText: string }) {
  const { pick, language } = useI18n();
  const countdown =
    secondsLeft > 0 ? (
      <p className="exh-countdown">
        {language === 'ru' ? 'Следующая попытка — через ' : 'Next attempt in '}
        <span className="exh-countdown-time">{formatWait(secondsLeft, language)}</span>
      </p>
    ) : null;
  switch (status.kind) {
    case 'idle':
    case 'busy':
      return null;
    case 'error':
      return (
        <p className="exh-error" role="alert">
          {errorText}
        </p>
      );
    case 'wrong':
    case 'wait':
      return (
        <div className="exh-login-message">
          {/* The sentence is announced once; the countdown under it changes every second without being read out. */}
          <p className="exh-error" role="alert">
            {status.kind === 'wrong'
              ? pick(words.wrongPin)
              : language === 'ru'
                ? 'Слишком много неверных попыток. Подождите, пожалуйста.'
                : 'Too many wrong attempts. Please wait.'}
          </p>
          {countdown}
          {status.until !== null && secondsLeft === 0 && (
            <p className="muted" role="status">
              {pick(words.tryAgainNow)}
            </p>
          )}
        </div>
      );
  }
}
