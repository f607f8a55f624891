import { useCallback, useEffect, useState } from 'react';
import type { EditableItem, ErrorCode, ExhibitorSession } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';
import { useExhibitorHost } from './context';
import { hasChanges, itemKey, type Draft, type Drafts } from './drafts';
import { EditsList } from './EditsList';
import { ItemEditor } from './ItemEditor';
import { LoginForm } from './LoginForm';
import { NumbersView } from './NumbersView';
import { words } from './words';
import './exhibitor.css';

type Phase =
  /** Asking whether a session is already open (the portal, reloaded). */
  | { kind: 'starting' }
  /** `ended`: the session ran out while the exhibitor was still at work; their drafts wait for the same login. */
  | { kind: 'login'; ended: boolean }
  | { kind: 'in'; session: ExhibitorSession; items: EditableItem[] | null; error: ErrorCode | null };

type View = { kind: 'items' } | { kind: 'edits' } | { kind: 'numbers' } | { kind: 'edit'; key: string };

/** While someone works here, the core hears from the screen at least this often, so it keeps their session. */
const keepAliveMs = 60_000;

/**
 * The exhibitor's part of the kiosk (and of the hub's portal): login, the items they may change, an editor per item,
 * their edits, logout. Drafts are held here, per item, until saved, discarded, or the exhibitor leaves: logout or
 * leaving the screen drops them with the session, so nothing remains for the next person.
 */
export function ExhibitorArea({ resume, onLoggedOut }: { resume: boolean; onLoggedOut?: () => void }) {
  const host = useExhibitorHost();
  const { api } = host;
  const { pick, errorMessage } = useI18n();
  const [phase, setPhase] = useState<Phase>(resume ? { kind: 'starting' } : { kind: 'login', ended: false });
  const [view, setView] = useState<View>({ kind: 'items' });
  // Whose drafts these are: after a session ran out, only the same exhibitor gets them back.
  const [drafts, setDrafts] = useState<{ owner: string | null; byItem: Drafts }>({ owner: null, byItem: {} });
  // Bumped by every save, so "My edits" asks again.
  const [saves, setSaves] = useState(0);

  const expire = useCallback(() => setPhase({ kind: 'login', ended: true }), []);

  const loadEntry = useCallback(
    async (session: ExhibitorSession) => {
      const result = await api.invoke('exhibitor.entry', {});
      if (result.ok) setPhase({ kind: 'in', session: result.value.session, items: result.value.items, error: null });
      else if (result.error.code === 'unauthorized') expire();
      else setPhase({ kind: 'in', session, items: null, error: result.error.code });
    },
    [api, expire],
  );

  const loggedIn = (session: ExhibitorSession) => {
    // Back after the session ran out: the same exhibitor returns to where they were, drafts included.
    const returning = phase.kind === 'login' && phase.ended && drafts.owner === session.exhibitorId;
    if (!returning) {
      setDrafts({ owner: session.exhibitorId, byItem: {} });
      setView({ kind: 'items' });
    }
    setPhase({ kind: 'in', session, items: null, error: null });
    void loadEntry(session);
  };

  // The portal picks up a session its page already had; a kiosk always starts at the login.
  useEffect(() => {
    if (!resume) return;
    let current = true;
    void api.invoke('exhibitor.session', {}).then((result) => {
      if (!current) return;
      if (result.ok && result.value) {
        const session = result.value;
        setDrafts({ owner: session.exhibitorId, byItem: {} });
        setPhase({ kind: 'in', session, items: null, error: null });
        void loadEntry(session);
      } else {
        setPhase({ kind: 'login', ended: false });
      }
    });
    return () => {
      current = false;
    };
  }, [api, resume, loadEntry]);

  // The core ends a session nobody has used for a few minutes; someone typing a long text is using it.
  const signedIn = phase.kind === 'in';
  useEffect(() => {
    if (!signedIn) return;
    let last = Date.now();
    const onActivity = () => {
      if (Date.now() - last < keepAliveMs) return;
      last = Date.now();
      void api.invoke('exhibitor.session', {}).then((result) => {
        if (result.ok && result.value === null) expire();
      });
    };
    window.addEventListener('pointerdown', onActivity, { capture: true, passive: true });
    window.addEventListener('keydown', onActivity, { capture: true, passive: true });
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true });
      window.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, [signedIn, api, expire]);

  const logOut = async () => {
    await api.invoke('exhibitor.logout', {});
    setDrafts({ owner: null, byItem: {} });
    setView({ kind: 'items' });
    setPhase({ kind: 'login', ended: false });
    onLoggedOut?.();
  };

  if (phase.kind === 'starting') return <p className="muted loading">{pick(words.checking)}</p>;
  if (phase.kind === 'login') {
    return (
      <div className="exh">
        <LoginForm notice={phase.ended ? pick(words.sessionEnded) : null} onLoggedIn={loggedIn} />
      </div>
    );
  }

  const { session, items } = phase;
  const setDraft = (key: string, draft: Draft) =>
    setDrafts((current) => {
      const byItem = { ...current.byItem };
      if (hasChanges(draft)) byItem[key] = draft;
      else delete byItem[key];
      return { ...current, byItem };
    });
  const editing = view.kind === 'edit' ? items?.find((item) => itemKey(item) === view.key) : undefined;

  let body;
  if (phase.error) {
    body = (
      <div className="notice" role="alert">
        <p>{errorMessage(phase.error)}</p>
        <button type="button" className="button" onClick={() => void loadEntry(session)}>
          {pick(words.retry)}
        </button>
      </div>
    );
  } else if (!items) {
    body = <p className="muted loading">{pick(words.checking)}</p>;
  } else if (editing) {
    const key = itemKey(editing);
    body = (
      <ItemEditor
        key={key}
        item={editing}
        session={session}
        draft={drafts.byItem[key]}
        onDraft={(draft) => setDraft(key, draft)}
        onBack={() => setView({ kind: 'items' })}
        onSaved={() => {
          setDraft(key, {});
          setSaves((n) => n + 1);
          void loadEntry(session);
        }}
        onPhotoAdded={() => void loadEntry(session)}
        onExpired={expire}
      />
    );
  } else if (view.kind === 'edits') {
    body = <EditsList version={saves} onExpired={expire} />;
  } else if (view.kind === 'numbers') {
    body = <NumbersView onExpired={expire} />;
  } else {
    body = <ItemList items={items} drafts={drafts.byItem} onOpen={(key) => setView({ kind: 'edit', key })} />;
  }

  return (
    <div className="exh">
      <header className="exh-head">
        <div className="exh-who">
          <p className="eyebrow">
            {pick(words.booth)} {session.booth}
          </p>
          <h2 className="exh-name">{pick(session.name)}</h2>
        </div>
        <button type="button" className="button exh-logout" onClick={() => void logOut()}>
          {pick(words.logOut)}
        </button>
      </header>
      {!editing && (
        <div className="segmented exh-tabs" role="group" aria-label={pick(session.name)}>
          <button type="button" className="button" aria-pressed={view.kind === 'items' || view.kind === 'edit'} onClick={() => setView({ kind: 'items' })}>
            {pick(words.myEntries)}
          </button>
          <button type="button" className="button" aria-pressed={view.kind === 'edits'} onClick={() => setView({ kind: 'edits' })}>
            {pick(words.myEdits)}
          </button>
          <button type="button" className="button" aria-pressed={view.kind === 'numbers'} onClick={() => setView({ kind: 'numbers' })}>
            {pick(words.myNumbers)}
          </button>
        </div>
      )}
      <div className="exh-body">{body}</div>
    </div>
  );
}

function ItemList({ items, drafts, onOpen }: { items: EditableItem[]; drafts: Drafts; onOpen: (key: string) => void }) {
  const { pick } = useI18n();
  return (
    <ul className="list exh-items" aria-label={pick(words.myEntries)}>
      {items.map((item) => {
        const key = itemKey(item);
        return (
          <li key={key}>
            <button type="button" className="row exh-item" onClick={() => onOpen(key)}>
              <span className="exh-item-text">
                <span className="muted">{pick(item.target === 'exhibitor' ? words.boothEntry : words.project)}:</span>{' '}
                <span className="card-title">{pick(item.title)}</span>
                {item.target === 'project' && item.values.hidden === 1 && <span className="badge exh-badge">{pick(words.hiddenBadge)}</span>}
                {hasChanges(drafts[key]) && <span className="badge exh-badge exh-unsaved">{pick(words.unsaved)}</span>}
              </span>
              <span aria-hidden="true">›</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
