// `npm start` runs the app in Electron, whose Node has another ABI than the Node that runs the
// gateway headless and the tests. Build a second copy of better-sqlite3's addon for Electron into
// out/native/ (the one in node_modules stays built for Node). Packaged apps do not need this:
// electron-builder rebuilds node_modules for Electron when it packages.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const source = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
const target = join('out', 'native', 'better-sqlite3');
const stampFile = join(target, '.built-for');
const stamp = `electron ${electronVersion}, better-sqlite3 ${sqliteVersion}`;

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`better-sqlite3 for Electron is up to date (${stamp})`);
  process.exit(0);
}

rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
// node-gyp fetches Electron's headers once (network needed the first time) and compiles.
// npm tells its scripts where its own node-gyp is.
const nodeGyp = process.env.npm_config_node_gyp;
if (nodeGyp === undefined) {
  console.error('Run this through npm (npm start), which provides node-gyp.');
  process.exit(1);
}
execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
  cwd: target,
  stdio: 'inherit',
});
writeFileSync(stampFile, stamp);
console.log(`Built better-sqlite3 for Electron into ${target} (${stamp})`);
