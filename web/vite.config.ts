import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

// The app is built once, at install time (`npm run build:web`), into web/dist, which `fulcrum serve`
// serves at `/` (and `/app/`). Relative asset URLs let the same build work under either prefix.
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The charting code is a separate chunk so the patient list does not wait for it, but the browser
 * should start fetching it with the app rather than after the app has run: a timeline opened
 * directly (a bookmark, the bench) is drawn sooner.
 */
function preloadChartChunk(): Plugin {
  return {
    name: 'fulcrum-preload-chart',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'echarts');
        return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', href: `./${chunk.fileName}` }, injectTo: 'head' }] : [];
      },
    },
  };
}

export default defineConfig({
  plugins: [preloadChartChunk()],
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
