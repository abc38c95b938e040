/** The Node version gate of the package: preinstall and the `skyport` command refuse Node < 20.19 with a message naming it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const { isSupported, unsupportedMessage } = require('../../scripts/check-node-version.cjs') as {
  isSupported(version: string): boolean;
  unsupportedMessage(version: string): string;
};

describe('check-node-version', () => {
  it.each([
    ['18.20.4', false],
    ['20.18.3', false],
    ['v20.18.9', false],
    ['20.19.0', true],
    ['20.20.2', true],
    ['v22.0.0', true],
    ['24.1.0', true],
  ])('Node %s supported: %s', (version, supported) => {
    expect(isSupported(version)).toBe(supported);
  });

  it('names the version needed and the one found', () => {
    expect(unsupportedMessage('18.20.4')).toBe('Skyport needs Node.js 20.19 or newer; this is Node.js 18.20.4. Install a newer Node.js (https://nodejs.org) and try again.');
  });

  it('runs at install (preinstall) and before the command loads the gateway, and agrees with engines', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string }; files: string[] };
    expect(manifest.scripts.preinstall).toBe('node scripts/check-node-version.cjs');
    expect(manifest.files).toContain('scripts/check-node-version.cjs');
    expect(manifest.engines.node).toBe('>=20.19');
    const bin = readFileSync(join(root, 'bin', 'skyport.mjs'), 'utf8');
    expect(bin.indexOf('isSupported(process.versions.node)')).toBeLessThan(bin.indexOf("await import('../out/cli/skyport.mjs')"));
    // On this (supported) Node the script exits 0 and prints nothing.
    expect(execFileSync(process.execPath, [join(root, 'scripts', 'check-node-version.cjs')], { encoding: 'utf8' })).toBe('');
  });
});
