// The exhibitor portal page, served by the hub at /portal/: the kiosk's exhibitor screens with the phone's or
// laptop's own keyboard, photo upload, and the hub's portal API behind them. Russian first; the screens' own button
// switches to English.
import '../fonts.css';
import '../styles.css';
import './portal.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExhibitorApp } from '../exhibitor';
import { createPortalClient } from './api';

const { api, uploadPhoto } = createPortalClient();
const root = document.getElementById('root');
if (!root) throw new Error('portal.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ExhibitorApp api={api} keyboard="native" uploadPhoto={uploadPhoto} language="ru" />
  </StrictMode>,
);
