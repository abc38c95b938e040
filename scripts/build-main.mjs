// Builds the Electron main process and its preload into out/main/ (used by `npm start`,
// `npm run build` and `npm run dist`). Main is an ES module: the packages in `dependencies` (the
// gateway's runtime: better-sqlite3, express, pino …) stay external and are loaded from
// node_modules, which electron-builder packs and rebuilds for Electron; the desktop-only packages
// (electron-store, electron-updater) are devDependencies bundled into main.js, so the npm
// package of the headless gateway does not depend on them. The preload is one CommonJS file,
// because a sandboxed preload can load nothing but `electron`.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = { bundle: true, platform: 'node', target: 'node22', logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/main.ts'],
    format: 'esm',
    external: ['electron', ...Object.keys(dependencies)],
    // electron-updater is CommonJS and requires Node built-ins (and electron) at run time: give the
    // ES module bundle a real `require` for them.
    banner: { js: "import { createRequire as __skyportCreateRequire } from 'node:module'; const require = __skyportCreateRequire(import.meta.url);" },
    outfile: 'out/main/main.js',
  }),
  build({ ...common, entryPoints: ['main/preload.ts'], format: 'cjs', external: ['electron'], outfile: 'out/main/preload.cjs' }),
]);
console.log('Built out/main/main.js and out/main/preload.cjs');
