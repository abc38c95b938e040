import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version in package.json, shown by /healthz and the CLI. Found by walking up from this
 * module, because bundles move it (the desktop build runs it from `out/main/`, inside app.asar
 * once packaged).
 */
export function readPackageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'skyport' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = dirname(directory);
    if (parent === directory) return '0.0.0';
    directory = parent;
  }
}
