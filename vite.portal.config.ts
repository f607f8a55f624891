import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The exhibitor portal page (renderer/portal.html → out/portal), served by the hub at /portal/ (hub/portal/page.ts).
// A second entry of the renderer's sources, built on its own: the kiosk's bundle stays as it is, and the hub serves
// only this folder.
const here = (path: string) => resolve(import.meta.dirname, path);

export default defineConfig({
  root: here('renderer'),
  base: '/portal/',
  plugins: [react()],
  build: {
    outDir: here('out/portal'),
    emptyOutDir: true,
    minify: true,
    // One page loaded once per visit over the hall's network; the editor's preview brings the visitors' screens along.
    chunkSizeWarningLimit: 800,
    rollupOptions: { input: { portal: here('renderer/portal.html') } },
  },
});
