import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The app is built once, at install time (`npm run build:web`), into web/dist, which `fulcrum serve`
// serves at `/` (and `/app/`). Relative asset URLs let the same build work under either prefix.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `vite --config web/vite.config.ts` during development forwards API calls to a local `fulcrum serve`.
    proxy: { '/api': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' },
  },
});
