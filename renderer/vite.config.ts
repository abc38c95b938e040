/**
 * One build for both hosts: Electron loads `out/renderer/index.html` from disk (or a custom
 * protocol) and the headless server serves the same files under `/console/`, so every URL in the
 * build is relative (`base: './'`).
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// This folder, however vite is invoked (`vite build renderer` or `--config renderer/vite.config.ts`).
const root = import.meta.dirname;

/**
 * The dev server injects an inline script (React Refresh preamble) that the strict CSP of
 * index.html forbids; drop the meta tag in dev only. Builds keep it.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'skyport-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), relaxCspInDev()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Inlined assets would need `data:` for fonts/scripts; keep every asset a file.
    assetsInlineLimit: 0,
    // One small app read from disk or loopback: a single ~0.5 MB chunk is fine (no code splitting).
    chunkSizeWarningLimit: 1024,
  },
  server: {
    port: 5173,
    strictPort: false,
    // `npm run dev:renderer` against `npm run serve`: the admin API is proxied, so the HTTP bridge
    // works unchanged (same origin).
    proxy: { '/api/admin': { target: process.env.SKYPORT_DEV_GATEWAY ?? 'http://127.0.0.1:8045', changeOrigin: true } },
  },
});
