/**
 * electron-builder.yml, checked without building: valid against app-builder-lib's own JSON schema
 * (the one electron-builder validates with), every icon and resource it names exists, the icon
 * sets have the sizes each platform needs, and the targets are the ones the README promises.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = require('ajv') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  files: string[];
  directories: { buildResources: string };
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  publish: Array<{ provider: string }>;
  mac: { icon: string; target: Target[] };
  win: { icon: string; target: Target[] };
  linux: { icon: string; target: Target[] };
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Width and height of a PNG (IHDR). */
function pngSize(data: Buffer): [number, number] {
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it("is valid against app-builder-lib's own schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, schemaId: 'auto' }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? null).toBeNull();
    expect(valid).toBe(true);
  });

  it('the schema check catches a wrong key (the check can fail)', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, schemaId: 'auto' }).compile(schema);
    expect(validate({ ...config, mac: { ...config.mac, tagret: 'dmg' } })).toBe(false);
  });

  it('builds dmg+zip, NSIS, AppImage+deb for x64 and arm64, asar with better-sqlite3 unpacked, published to GitHub', () => {
    const targets = (list: Target[]) => list.map((target) => `${target.target}:${[...target.arch].sort().join('+')}`);
    expect(targets(config.mac.target)).toEqual(['dmg:arm64+x64', 'zip:arm64+x64']);
    expect(targets(config.win.target)).toEqual(['nsis:arm64+x64']);
    expect(targets(config.linux.target)).toEqual(['AppImage:arm64+x64', 'deb:arm64+x64']);
    expect(config.appId).toBe('dev.skyport.app');
    expect(config.productName).toBe('Skyport');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.publish).toEqual([{ provider: 'github' }]);
  });

  it('names only files that exist: icons, resources, and the built app files `npm run build` writes', () => {
    for (const icon of [config.mac.icon, config.win.icon, config.linux.icon]) expect(existsSync(join(root, icon)), icon).toBe(true);
    expect(existsSync(join(root, config.directories.buildResources))).toBe(true);
    for (const resource of config.extraResources) {
      const files = readdirSync(join(root, resource.from));
      for (const pattern of resource.filter) {
        const matcher = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
        expect(files.filter((file) => matcher.test(file)).length, pattern).toBeGreaterThan(0);
      }
    }
    // What main/desktop-paths.ts loads from resources/assets.
    for (const state of ['running', 'stopped', 'error']) expect(existsSync(join(root, 'assets', `tray-${state}.png`))).toBe(true);
    const buildScript = readFileSync(join(root, 'scripts', 'build-main.mjs'), 'utf8');
    expect(buildScript).toContain("outfile: 'out/main/main.js'");
    expect(buildScript).toContain("outfile: 'out/main/preload.cjs'");
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(manifest.main).toBe('out/main/main.js');
    expect(manifest.scripts.build).toContain('build-main.mjs');
  });

  it('has the icon at every size each platform needs', () => {
    // Linux: one PNG per size of the hicolor theme, named <n>x<n>.png and really that size.
    const linux = readdirSync(join(root, config.linux.icon)).sort();
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      const file = `${size}x${size}.png`;
      expect(linux).toContain(file);
      expect(pngSize(readFileSync(join(root, config.linux.icon, file)))).toEqual([size, size]);
    }
    // Windows: an ICO whose entries include 16, 32, 48 and 256 (stored as 0).
    const ico = readFileSync(join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => ico[6 + 16 * index] || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    // macOS: an ICNS with 16…512 and the @2x forms, each a PNG of the right size.
    const icns = readFileSync(join(root, config.mac.icon));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const elements = new Map<string, [number, number]>();
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      elements.set(icns.toString('latin1', offset, offset + 4), pngSize(icns.subarray(offset + 8, offset + icns.readUInt32BE(offset + 4))));
    }
    expect(Object.fromEntries(elements)).toMatchObject({
      icp4: [16, 16],
      icp5: [32, 32],
      ic07: [128, 128],
      ic08: [256, 256],
      ic09: [512, 512],
      ic11: [32, 32],
      ic13: [256, 256],
      ic14: [512, 512],
    });
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = yaml.load(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, { needs?: string | string[]; strategy?: { matrix: { os: string[] } }; steps: Array<{ run?: string; env?: Record<string, string> }> }>;
  };

  it('builds with npm run dist on macOS, Windows and Linux on a version tag, and publishes the release after every upload', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    const installers = workflow.jobs.installers;
    expect(installers?.strategy?.matrix.os).toEqual(['macos-latest', 'windows-latest', 'ubuntu-latest']);
    const dist = installers?.steps.find((step) => step.run?.startsWith('npm run dist'));
    expect(dist?.run).toBe('npm run dist -- --publish always');
    expect(Object.keys(dist?.env ?? {}).sort()).toEqual(['APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_ID', 'APPLE_TEAM_ID', 'CSC_KEY_PASSWORD', 'CSC_LINK', 'GH_TOKEN']);
    expect(workflow.jobs.publish?.needs).toEqual(['installers', 'npm-package']);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.dist).toBe('npm run build && node scripts/run-electron-builder.mjs');
  });
});
