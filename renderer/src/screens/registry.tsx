import { lazy, useState, type ComponentType, type ReactElement } from 'react';
import type { Screen, ScreenName, ScreenOf } from '../state/navigation';
import { HomeScreen } from './HomeScreen';

type ScreenComponent<N extends ScreenName> = ComponentType<{ screen: ScreenOf<N> }>;

// Home is in the main bundle with the shell and the attract loop: that is all a cold start has to load and parse
// before the attract loop is on screen. Every other screen is a chunk of its own (the gallery's animation library,
// the QR encoder and the on-screen keyboard go with the screens that use them), fetched while the attract loop runs
// (`preloadScreens`), so no tap waits for code.
// The attract loop's touch opens a project or the route: those two come first.
const loaders = {
  project: () => import('./ProjectScreen').then((m) => ({ default: m.ProjectScreen })),
  route: () => import('./RouteScreen').then((m) => ({ default: m.RouteScreen })),
  regions: () => import('./RegionsScreen').then((m) => ({ default: m.RegionsScreen })),
  region: () => import('./RegionScreen').then((m) => ({ default: m.RegionScreen })),
  industries: () => import('./IndustriesScreen').then((m) => ({ default: m.IndustriesScreen })),
  industry: () => import('./IndustryScreen').then((m) => ({ default: m.IndustryScreen })),
  clusters: () => import('./ClustersScreen').then((m) => ({ default: m.ClustersScreen })),
  cluster: () => import('./ClusterScreen').then((m) => ({ default: m.ClusterScreen })),
  programme: () => import('./ProgrammeScreen').then((m) => ({ default: m.ProgrammeScreen })),
  hall: () => import('./HallPlanScreen').then((m) => ({ default: m.HallPlanScreen })),
  search: () => import('./SearchScreen').then((m) => ({ default: m.SearchScreen })),
  exhibitor: () => import('../exhibitor/ExhibitorScreen').then((m) => ({ default: m.ExhibitorScreen })),
} satisfies { [N in Exclude<ScreenName, 'home'>]: () => Promise<{ default: ScreenComponent<N> }> };

/**
 * A screen whose code loads on demand. Once loaded (usually ahead, by `preloadScreens`) it renders at once, without
 * the frame of fallback React.lazy would still show for an already loaded module.
 */
function lazyScreen<N extends ScreenName>(load: () => Promise<{ default: ScreenComponent<N> }>): ScreenComponent<N> {
  let loaded: ScreenComponent<N> | null = null;
  let loading: Promise<{ default: ScreenComponent<N> }> | null = null;
  const ensure = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  preloaders.push(ensure);
  const Lazy = lazy(ensure);
  return function LazyScreen(props: { screen: ScreenOf<N> }) {
    // Chosen once per mounted screen: switching components later would remount it and lose its state.
    const [Component] = useState<ScreenComponent<N>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  };
}

const preloaders: (() => Promise<unknown>)[] = [];

// To add a screen: add its variant to `Screen` (state/navigation.tsx), its loader above and its component here.
const screens: { [N in ScreenName]: ScreenComponent<N> } = {
  home: () => <HomeScreen />,
  project: lazyScreen(loaders.project),
  route: lazyScreen(loaders.route),
  regions: lazyScreen(loaders.regions),
  region: lazyScreen(loaders.region),
  industries: lazyScreen(loaders.industries),
  industry: lazyScreen(loaders.industry),
  clusters: lazyScreen(loaders.clusters),
  cluster: lazyScreen(loaders.cluster),
  programme: lazyScreen(loaders.programme),
  hall: lazyScreen(loaders.hall),
  search: lazyScreen(loaders.search),
  exhibitor: lazyScreen(loaders.exhibitor),
};

let preloaded = false;

/**
 * Fetches and evaluates every screen's code ahead of the first tap (the module loader keeps each one), one chunk
 * after the other so no single task grows long.
 */
export async function preloadScreens(): Promise<void> {
  if (preloaded) return;
  preloaded = true;
  for (const ensure of preloaders) await ensure().catch(() => undefined);
}

export function renderScreen(screen: Screen): ReactElement {
  const Component = screens[screen.name] as ComponentType<{ screen: Screen }>;
  return <Component screen={screen} />;
}
