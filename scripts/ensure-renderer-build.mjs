#!/usr/bin/env node
/**
 * Builds the renderer (`vite build renderer` -> out/renderer) when the build is missing or older
 * than its sources, so `npm run serve` serves the web console right after `npm ci`, and the e2e
 * suite tests the current code. `--force` builds regardless.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(root, 'out', 'renderer', 'index.html');

/** Newest modification time under `path` (tests excluded: they are not in the build). */
function newestMtime(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return 0;
  if (!stats.isDirectory()) return /\.test\.[cm]?[jt]sx?$/.test(path) ? 0 : stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isRendererBuildStale() {
  const built = statSync(builtIndex, { throwIfNoEntry: false });
  if (built === undefined) return true;
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'package-lock.json')));
  return sources > built.mtimeMs;
}

function viteBin() {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8'));
  return join(dirname(packageJson), typeof bin === 'string' ? bin : bin.vite);
}

export function buildRenderer() {
  const result = spawnSync(process.execPath, [viteBin(), 'build', 'renderer', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  if (force || isRendererBuildStale()) {
    process.stderr.write('Building the web console (out/renderer)…\n');
    try {
      buildRenderer();
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
}
