import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';

/** Every place a visitor can be. Screens are pushed on a stack, so Back always works and nothing is a dead end. */
export type Screen =
  | { name: 'home' }
  | { name: 'regions'; view?: 'map' | 'list' }
  | { name: 'region'; id: string }
  | { name: 'project'; id: string }
  | { name: 'industries' }
  | { name: 'industry'; id: string }
  | { name: 'clusters' }
  | { name: 'cluster'; id: string }
  | { name: 'route'; stopId?: string }
  | { name: 'programme' }
  | { name: 'hall'; exhibitorId?: string }
  | { name: 'search' }
  | { name: 'exhibitor' };

export type ScreenName = Screen['name'];
export type ScreenOf<N extends ScreenName> = Extract<Screen, { name: N }>;

/** What a screen needs to move on: stable functions (and the session), so a tap elsewhere re-renders no screen. */
export type NavigationActions = {
  /** Leaves the attract loop, at home or at the item the loop was showing (home stays underneath). */
  start: (at?: Screen) => void;
  push: (screen: Screen) => void;
  back: () => void;
  home: () => void;
  /** Back to the attract loop with nothing of the last visitor kept. */
  reset: () => void;
  /** Bumped on every reset, so state keyed by it (search text, scroll positions) starts anew. */
  session: number;
};

export type Navigation = NavigationActions & {
  /** True while the attract loop runs (nobody is using the kiosk). */
  attract: boolean;
  stack: readonly Screen[];
  current: Screen;
};

const home: Screen = { name: 'home' };
const NavigationContext = createContext<Navigation | null>(null);
const ActionsContext = createContext<NavigationActions | null>(null);

export function NavigationProvider({ children, startInAttract = true }: { children: ReactNode; startInAttract?: boolean }) {
  const [attract, setAttract] = useState(startInAttract);
  const [stack, setStack] = useState<readonly Screen[]>([home]);
  const [session, setSession] = useState(0);

  const push = useCallback((screen: Screen) => setStack((current) => [...current, screen]), []);
  const back = useCallback(() => setStack((current) => (current.length > 1 ? current.slice(0, -1) : current)), []);
  const goHome = useCallback(() => setStack((current) => (current.length === 1 && current[0]?.name === 'home' ? current : [home])), []);
  const start = useCallback((at?: Screen) => {
    setStack(at && at.name !== 'home' ? [home, at] : [home]);
    setAttract(false);
  }, []);
  const reset = useCallback(() => {
    setStack([home]);
    setAttract(true);
    setSession((n) => n + 1);
  }, []);

  // The core learns whether someone is using the kiosk, so restarts and updates wait for the attract loop. No counting.
  useEffect(() => {
    void api.invoke('kiosk.activity', { activity: attract ? 'attract' : 'visit' });
  }, [attract]);

  const actions = useMemo<NavigationActions>(() => ({ start, push, back, home: goHome, reset, session }), [start, push, back, goHome, reset, session]);
  const value = useMemo<Navigation>(() => ({ ...actions, attract, stack, current: stack.at(-1) ?? home }), [actions, attract, stack]);
  return (
    <ActionsContext.Provider value={actions}>
      <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>
    </ActionsContext.Provider>
  );
}

/** The whole navigation state: for the shell (which screen is on top, whether the attract loop runs). */
export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}

/**
 * Only the ways to move on. Screens use this one: it does not change when the stack does, so screens kept mounted
 * below the top of the stack are not re-rendered by every push and back.
 */
export function useNavigate(): NavigationActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useNavigate outside NavigationProvider');
  return actions;
}

const stayPut = () => undefined;
const staticActions: NavigationActions = { start: stayPut, push: stayPut, back: stayPut, home: stayPut, reset: stayPut, session: 0 };

/**
 * For screens drawn outside the kiosk's stack (an exhibitor's preview of a project screen, the hub's exhibitor
 * portal): the screen's buttons are there to be seen, and a tap on one goes nowhere.
 */
export function StaticNavigation({ children }: { children: ReactNode }) {
  return <ActionsContext.Provider value={staticActions}>{children}</ActionsContext.Provider>;
}
