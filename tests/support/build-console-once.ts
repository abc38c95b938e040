/**
 * Vitest global setup: builds the web console (out/renderer) once before any test file runs when
 * it is missing, as on a clean clone or in CI. Tests that serve /console/ then pass alone and in any
 * order, and the e2e suite's own staleness check finds the build fresh instead of racing a build
 * started by another file. A build that exists but is older than its sources is left to
 * `npm run serve` and the e2e suite (scripts/ensure-renderer-build.mjs): rebuilding it here would
 * make every run on a machine where someone edits the renderer rebuild it, and two runs starting
 * together would write out/renderer at the same time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  if (existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-renderer-build.mjs'), '--force'], { cwd: root, stdio: 'inherit' });
}
