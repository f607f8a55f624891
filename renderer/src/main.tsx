import './fonts.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preload } from './api/use-call';
import { App } from './App';
import { hardenPage } from './hardening';

hardenPage();
// The first calls, all at once, while React starts: the kiosk info (App) and what the attract loop shows.
preload('kiosk.info', {});
preload('projects.list', { featured: true, limit: 12 });
preload('route.get', {});
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
