// esbuild settings for a Node entry point of this repository: one ESM file, npm packages external
// (loaded from node_modules at run time), a source map beside it. Used by build-cli.mjs and by
// the benchmark, which runs its gateway child bundled the way `npm run serve` runs the gateway.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` into `outfile`, both relative to the repository root. */
export function bundleNodeEntry(entry, outfile) {
  return build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
}
