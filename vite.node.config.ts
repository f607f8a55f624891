import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Node-side entry points that run without Electron: the HTTP transport (npm run web), the hub (npm run hub)
// and the benchmarks.
const entry = (path: string) => resolve(import.meta.dirname, path);

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/node',
    target: 'node20',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        web: entry('electron/core/web.ts'),
        // The kiosk's sync worker thread, started by web.js (electron/core/sync/sync-worker.ts).
        'sync-worker': entry('electron/core/sync/sync-worker.ts'),
        hub: entry('hub/main.ts'),
        'bench-search': entry('bench/search.ts'),
        'bench-visitor': entry('bench/visitor.ts'),
        'bench-sync': entry('bench/sync.ts'),
        'bench-soak': entry('bench/soak.ts'),
        'bench-crash-loop': entry('bench/crash-loop.ts'),
        // The kiosk process the crash loop kills (not a benchmark of its own: no bench- prefix).
        'crash-loop-child': entry('tests/sync/kiosk-child.ts'),
        'schema-snapshot': entry('scripts/schema-snapshot.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
