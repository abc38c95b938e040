import type { BuildResult } from 'esbuild';

/** Bundles `entry` into `outfile`, both relative to the repository root (ESM, npm packages external, source map beside it). */
export function bundleNodeEntry(entry: string, outfile: string): Promise<BuildResult>;
