// Builds the Electron main process and its preload into out/main/ (used by `npm start` and
// before `npx electron-builder`). Main is an ES module that loads its npm dependencies from
// node_modules at run time; the preload is one CommonJS file, because a sandboxed preload can
// load nothing but `electron`.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({ ...common, entryPoints: ['main/main.ts'], format: 'esm', packages: 'external', outfile: 'out/main/main.js' }),
  build({ ...common, entryPoints: ['main/preload.ts'], format: 'cjs', external: ['electron'], outfile: 'out/main/preload.cjs' }),
]);
console.log('Built out/main/main.js and out/main/preload.cjs');
