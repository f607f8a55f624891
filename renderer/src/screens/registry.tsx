import type { ReactElement } from 'react';
import type { Screen, ScreenName, ScreenOf } from '../state/navigation';
import { ClusterScreen } from './ClusterScreen';
import { ClustersScreen } from './ClustersScreen';
import { HallPlanScreen } from './HallPlanScreen';
import { HomeScreen } from './HomeScreen';
import { IndustriesScreen } from './IndustriesScreen';
import { IndustryScreen } from './IndustryScreen';
import { ProgrammeScreen } from './ProgrammeScreen';
import { ProjectScreen } from './ProjectScreen';
import { RegionScreen } from './RegionScreen';
import { RegionsScreen } from './RegionsScreen';
import { RouteScreen } from './RouteScreen';
import { SearchScreen } from './SearchScreen';

// To add a screen: add its variant to `Screen` (state/navigation.tsx) and its component here.
const screens: { [N in ScreenName]: (props: { screen: ScreenOf<N> }) => ReactElement } = {
  home: () => <HomeScreen />,
  regions: RegionsScreen,
  region: RegionScreen,
  project: ProjectScreen,
  industries: IndustriesScreen,
  industry: IndustryScreen,
  clusters: ClustersScreen,
  cluster: ClusterScreen,
  route: RouteScreen,
  programme: ProgrammeScreen,
  hall: HallPlanScreen,
  search: SearchScreen,
};

export function renderScreen(screen: Screen): ReactElement {
  const Component = screens[screen.name] as (props: { screen: Screen }) => ReactElement;
  return <Component screen={screen} />;
}
