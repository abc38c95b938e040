import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory of Skyport's package.json and its parsed manifest, found by walking up from this
 * module, because bundles move it (`out/cli/` for `npm run serve`, `out/main/` for the desktop
 * build, inside app.asar once packaged). Undefined when there is none.
 */
export function findPackageRoot(): { directory: string; manifest: { name: string; version?: unknown } } | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'skyport') return { directory, manifest: { name: 'skyport', version: manifest.version } };
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
