/**
 * proxy-core's layer rules (eslint.config.js, design/ARCHITECTURE.md "Dependency direction") are
 * lint rules, and a lint rule that stops matching fails nothing. These tests lint planted imports
 * through ESLint's own API with the repository's config: every arrow the layers refuse must be an
 * error, every arrow they allow must pass, in every part of proxy-core and at any depth in it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const proxyCore = join(repoRoot, 'proxy-core');
const ruleId = '@typescript-eslint/no-restricted-imports';

interface LayerConfig {
  proxyCoreLayers: string[][];
  pureLayers: Record<string, string[]>;
  skippedLayers: Record<string, string[]>;
}

let eslint: ESLint;
let config: LayerConfig;

beforeAll(async () => {
  eslint = new ESLint({ cwd: repoRoot });
  // Imported by URL: the config is plain JavaScript without type declarations.
  config = (await import(pathToFileURL(join(repoRoot, 'eslint.config.js')).href)) as LayerConfig;
});

/** Where a planted file sits: `create-gateway.ts`, or a file `depth` folders deep inside a part. */
function probePath(part: string, depth: number): { filePath: string; toTop: string } {
  if (part.endsWith('.ts')) return { filePath: join(proxyCore, part), toTop: './' };
  const nested = Array.from({ length: depth - 1 }, (_, index) => `nested${index}`);
  return { filePath: join(proxyCore, part, ...nested, 'layer-probe.ts'), toTop: '../'.repeat(depth) };
}

function importPath(toTop: string, target: string): string {
  return target.endsWith('.ts') ? `${toTop}${target.replace(/\.ts$/, '.js')}` : `${toTop}${target}/some-module.js`;
}

/** The import specifiers of `lines` that the layer rule refuses, linted as the file at `filePath`. */
async function refusedSpecifiers(filePath: string, lines: { specifier: string; code: string }[]): Promise<string[]> {
  const [result] = await eslint.lintText(`${lines.map((line) => line.code).join('\n')}\n`, { filePath });
  expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((message) => message.ruleId === ruleId).map((message) => lines[message.line - 1]?.specifier ?? `line ${message.line}`);
}

async function refusedFrom(part: string, targets: string[], options: { depth?: number; form?: 'import' | 'import type' | 'export' } = {}): Promise<string[]> {
  const { filePath, toTop } = probePath(part, options.depth ?? 1);
  const lines = targets.map((target, index) => {
    const specifier = importPath(toTop, target);
    const code =
      options.form === 'import type'
        ? `import type { Probe${index} } from '${specifier}';`
        : options.form === 'export'
          ? `export { probe${index} } from '${specifier}';`
          : `import '${specifier}';`;
    return { specifier: target, code };
  });
  return refusedSpecifiers(filePath, lines);
}

describe('proxy-core layers, as design/ARCHITECTURE.md states them', () => {
  it('nothing below server/ imports server/', async () => {
    for (const part of ['control', 'monitor', 'warmup', 'alerts', 'execution', 'protocols', 'mapping', 'accounts', 'keys', 'config', 'upstream', 'events', 'signatures', 'canonical', 'logging', 'util', 'errors']) {
      expect(await refusedFrom(part, ['server']), part).toEqual(['server']);
    }
  });

  it('server/ imports protocols/, mapping/, execution/, monitor/ and control/, and not the upstream directly', async () => {
    expect(await refusedFrom('server', ['protocols', 'mapping', 'execution', 'monitor', 'control', 'upstream'])).toEqual(['upstream']);
  });

  it('execution/ imports upstream/, accounts/ and mapping/, and none of the protocols', async () => {
    expect(await refusedFrom('execution', ['upstream', 'accounts', 'mapping', 'protocols'])).toEqual(['protocols']);
  });

  it('the leaks issue 18 found stay closed: monitor/ -> server/, accounts/ -> server/, events/ -> control/ and monitor/, control/ -> create-gateway.ts', async () => {
    expect(await refusedFrom('monitor', ['server', 'execution'])).toEqual(['server']);
    expect(await refusedFrom('accounts', ['server', 'util'], { depth: 2 })).toEqual(['server']);
    expect(await refusedFrom('events', ['control', 'monitor'])).toEqual(['control', 'monitor']);
    expect(await refusedFrom('control', ['create-gateway.ts', 'monitor'])).toEqual(['create-gateway.ts']);
    expect(await refusedFrom('upstream', ['protocols', 'canonical'])).toEqual(['protocols']);
  });

  it('protocols/ and mapping/ use no express, no network and no files; their tests may read fixtures', async () => {
    for (const part of ['protocols', 'mapping']) {
      const lines = ['express', 'undici', 'node:fs', 'fs/promises', 'node:http', 'node:crypto', 'zod'].map((name) => ({ specifier: name, code: `import '${name}';` }));
      expect(await refusedSpecifiers(join(proxyCore, part, 'layer-probe.ts'), lines), part).toEqual(['express', 'undici', 'node:fs', 'fs/promises', 'node:http']);
      expect(await refusedSpecifiers(join(proxyCore, part, 'layer-probe.test.ts'), lines), `${part} test`).toEqual([]);
    }
    // A pure layer's test still keeps to the layer's arrows.
    expect(await refusedSpecifiers(join(proxyCore, 'protocols', 'layer-probe.test.ts'), [{ specifier: 'server', code: "import '../server/some-module.js';" }])).toEqual(['server']);
  });

  it('type-only imports and re-exports are refused like imports', async () => {
    expect(await refusedFrom('monitor', ['server', 'execution'], { form: 'import type' })).toEqual(['server']);
    expect(await refusedFrom('monitor', ['server', 'execution'], { form: 'export' })).toEqual(['server']);
  });
});

describe('proxy-core layers, every arrow of the order in eslint.config.js', () => {
  const parts = () => config.proxyCoreLayers.flat();

  /** The arrows the order refuses from `part`, worked out here from the table, not from the rule. */
  function expectedRefused(part: string): string[] {
    const row = config.proxyCoreLayers.findIndex((row) => row.includes(part));
    return parts().filter((other) => {
      if (other === part) return false;
      const pure = config.pureLayers[part];
      if (pure !== undefined) return !pure.includes(other);
      const otherRow = config.proxyCoreLayers.findIndex((row) => row.includes(other));
      return otherRow <= row || (config.skippedLayers[part]?.includes(other) ?? false);
    });
  }

  it('names every part of proxy-core once, and no nested folder shares a part name (the rule reads folder names)', () => {
    const onDisk = readdirSync(proxyCore, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')))
      .map((entry) => entry.name);
    expect([...parts()].sort()).toEqual([...onDisk].sort());
    expect(new Set(parts()).size).toBe(parts().length);
    const nestedNames = new Set<string>();
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name === '__fixtures__') continue;
        nestedNames.add(entry.name);
        walk(join(directory, entry.name));
      }
    };
    for (const part of parts()) if (!part.endsWith('.ts')) walk(join(proxyCore, part));
    expect(parts().filter((part) => nestedNames.has(part))).toEqual([]);
  });

  it('refuses exactly the arrows the order refuses, from the top of each part and from deep inside it', async () => {
    expect(parts().length).toBeGreaterThan(15);
    for (const part of parts()) {
      const others = parts().filter((other) => other !== part);
      const expected = expectedRefused(part);
      expect(await refusedFrom(part, others), part).toEqual(expected);
      if (!part.endsWith('.ts')) expect(await refusedFrom(part, others, { depth: 3 }), `${part} (3 folders deep)`).toEqual(expected);
    }
  });

  it('an import inside a part, or into a nested folder of it, is its own business', async () => {
    const filePath = join(proxyCore, 'protocols', 'openai', 'chat', 'layer-probe.ts');
    const lines = ['./encode-openai-chat-stream.js', '../../shared/attach-thought-signatures.js', '../../gemini/clean-json-schema.js'].map((specifier) => ({ specifier, code: `import '${specifier}';` }));
    expect(await refusedSpecifiers(filePath, lines)).toEqual([]);
  });
});
