import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

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
  | { name: 'search' };

export type ScreenName = Screen['name'];
export type ScreenOf<N extends ScreenName> = Extract<Screen, { name: N }>;

export type Navigation = {
  /** True while the attract loop runs (nobody is using the kiosk). */
  attract: boolean;
  stack: readonly Screen[];
  current: Screen;
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

const home: Screen = { name: 'home' };
const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children, startInAttract = true }: { children: ReactNode; startInAttract?: boolean }) {
  const [attract, setAttract] = useState(startInAttract);
  const [stack, setStack] = useState<readonly Screen[]>([home]);
  const [session, setSession] = useState(0);

  const push = useCallback((screen: Screen) => setStack((current) => [...current, screen]), []);
  const back = useCallback(() => setStack((current) => (current.length > 1 ? current.slice(0, -1) : current)), []);
  const goHome = useCallback(() => setStack([home]), []);
  const start = useCallback((at?: Screen) => {
    setStack(at && at.name !== 'home' ? [home, at] : [home]);
    setAttract(false);
  }, []);
  const reset = useCallback(() => {
    setStack([home]);
    setAttract(true);
    setSession((n) => n + 1);
  }, []);

  const value = useMemo<Navigation>(
    () => ({ attract, stack, current: stack.at(-1) ?? home, start, push, back, home: goHome, reset, session }),
    [attract, stack, start, push, back, goHome, reset, session],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}
