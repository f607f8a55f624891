// The exhibitor screens for other hosts (the hub's exhibitor portal). The kiosk itself opens them as a screen
// (ExhibitorScreen, registered in screens/registry.tsx).
export { ExhibitorApp, type ExhibitorAppProps } from './ExhibitorApp';
export type { ExhibitorHost } from './context';
