// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

// proxy-core's layers (design/ARCHITECTURE.md, "Dependency direction"), top to bottom. A part may
// import the parts on the rows below its own, never a part on its own row or above:
//
//   index.ts                the public barrel (what main/ and the CLI may use)
//   headless/               the `skyport` CLI
//   create-gateway.ts       wires everything together
//   server/                 routes, guards, the runner; the request path starts here
//   control/                the ControlApi; the Gateway interface it controls (control/gateway.ts)
//   warmup/ alerts/         the gateway's own requests; pool alerts
//   monitor/                request log and usage: the record of a request (monitor/completed-request.ts)
//   execution/ protocols/   the retry loop | the pure converters: peers, the runner uses both
//   accounts/ keys/         account pool and API keys
//   config/                 the settings schema and its store
//   upstream/               the Cloud Code client
//   mapping/                model names -> upstream models (pure)
//   signatures/             thought-signature cache and model families
//   canonical/ events/ logging/   shared vocabulary (Gemini request, generation events), the event bus, the logger
//   errors/ util/           GatewayError; small helpers
//
// So: nothing below server/ imports server/; routes -> runner -> protocols | mapping | execution ->
// upstream; types shared across layers live with their owner or in a lower, neutral part. Besides:
// protocols/ and mapping/ are pure (no express, no network, no files: only the parts named in
// `pureLayers`), and server/ never calls the upstream itself (only through execution/).
// tests/lint/proxy-core-layers.test.ts plants an import of each forbidden arrow and of each allowed one.
export const proxyCoreLayers = [
  ['index.ts'],
  ['headless'],
  ['create-gateway.ts'],
  ['server'],
  ['control'],
  ['warmup', 'alerts'],
  ['monitor'],
  ['execution', 'protocols'],
  ['accounts', 'keys'],
  ['config'],
  ['upstream'],
  ['mapping'],
  ['signatures'],
  ['canonical', 'events', 'logging'],
  ['errors', 'util'],
];

/** Parts a pure layer may import (everything else in proxy-core is refused). @type {Record<string, string[]>} */
export const pureLayers = {
  protocols: ['mapping', 'signatures', 'canonical', 'errors', 'util'],
  mapping: ['canonical', 'errors', 'util'],
};

/** Downward arrows refused on top of the order: the request path reaches Cloud Code only through execution/. @type {Record<string, string[]>} */
export const skippedLayers = { server: ['upstream'] };

/** What protocols/ and mapping/ may not use (their tests and fixtures read files). */
const ioModules = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'tls', 'worker_threads'];
const ioImports = [
  ...['express', 'undici', 'ws', 'better-sqlite3'].map((name) => ({ name, message: 'protocols/ and mapping/ are pure: no express, no network, no files.' })),
  ...ioModules.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'protocols/ and mapping/ are pure: no express, no network, no files.' })),
];

// The other side of the proxy-core rule below: it must be kept in every per-part block, since a
// later block's options for the same rule replace the earlier ones.
const outsideProxyCore = [{ group: ['**/main/**', '**/renderer/**', 'electron/*'], message: 'proxy-core must not depend on main/ or renderer/.' }];

const escapeRegex = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An import that climbs to proxy-core's top (`./x` from the top files, `../…/x` from inside a part) and enters `part`. */
const partImport = (/** @type {string} */ part) => (part.endsWith('.ts') ? `^(\\./|(\\.\\./)+)${escapeRegex(part.replace(/\.ts$/, '.js'))}$` : `^(\\./|(\\.\\./)+)${escapeRegex(part)}(/|$)`);
const partLabel = (/** @type {string} */ part) => (part.endsWith('.ts') ? part : `${part}/`);
const partFiles = (/** @type {string} */ part) => (part.endsWith('.ts') ? [`proxy-core/${part}`] : [`proxy-core/${part}/**/*.ts`]);

/** @param {string} part @returns {[string, string][]} */
function refusedImports(part) {
  const row = proxyCoreLayers.findIndex((parts) => parts.includes(part));
  /** @type {[string, string][]} */
  const refused = [];
  proxyCoreLayers.forEach((parts, index) => {
    for (const other of parts) {
      if (other === part) continue;
      const pure = pureLayers[part];
      if (pure !== undefined && !pure.includes(other)) {
        refused.push([other, `${partLabel(part)} is pure: it imports only ${pure.map(partLabel).join(', ')}.`]);
      } else if (index < row) {
        refused.push([other, `${partLabel(other)} sits above ${partLabel(part)} in proxy-core's layers (eslint.config.js, design/ARCHITECTURE.md): move what both need to its owner or a lower, neutral part.`]);
      } else if (index === row) {
        refused.push([other, `${partLabel(part)} and ${partLabel(other)} are peers: what both need lives in a lower part.`]);
      } else if (skippedLayers[part]?.includes(other)) {
        refused.push([other, `${partLabel(part)} reaches ${partLabel(other)} only through execution/.`]);
      }
    }
  });
  return refused;
}

const layerRules = proxyCoreLayers.flat().map((part) => ({
  files: partFiles(part),
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'proxy-core must run without Electron.' }, ...(pureLayers[part] === undefined ? [] : ioImports)],
        patterns: [...outsideProxyCore, ...refusedImports(part).map(([other, message]) => ({ regex: partImport(other), message }))],
      },
    ],
  },
}));

// Tests and fixtures of the pure layers may read files (fixtures); the layer arrows still hold.
const pureLayerTestRules = Object.keys(pureLayers).map((part) => ({
  files: [`proxy-core/${part}/**/*.test.ts`, `proxy-core/${part}/**/__fixtures__/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'proxy-core must run without Electron.' }],
        patterns: [...outsideProxyCore, ...refusedImports(part).map(([other, message]) => ({ regex: partImport(other), message }))],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test-results/', 'reports/', '.stryker-tmp*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // The gateway core runs headless too: it never imports Electron or the app layers above it.
    files: ['proxy-core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'proxy-core must run without Electron.' }],
          patterns: outsideProxyCore,
        },
      ],
    },
  },
  ...layerRules,
  ...pureLayerTestRules,
  {
    // main/ uses proxy-core only through its public barrel.
    files: ['main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/proxy-core/*', '!**/proxy-core/index.js'], message: 'Import proxy-core through proxy-core/index.js.' },
            { group: ['**/renderer/**'], message: 'main/ talks to the renderer over IPC only.' },
          ],
        },
      ],
    },
  },
  {
    // The sandboxed preload cannot load the barrel (it pulls in Node and express): it takes the
    // operation names from their plain list, and nothing else of proxy-core.
    files: ['main/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: 'proxy-core/(?!control/control-operation-names\\.js$)', message: 'The preload may import only proxy-core/control/control-operation-names.js.' },
            { group: ['**/renderer/**'], message: 'main/ talks to the renderer over IPC only.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer is a web page: no Node, no Electron, and proxy-core only as types (plus the
    // operation names, a dependency-free list of strings the bridges are built from).
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches main only through window.skyport.' }, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer cannot use Node.' }))],
          patterns: [
            { group: ['node:*'], message: 'The renderer cannot use Node.' },
            { group: ['**/main/**'], message: 'The renderer reaches main only through window.skyport.' },
            {
              regex: 'proxy-core/(?!control/control-operation-names\\.js$)',
              allowTypeImports: true,
              message: 'The renderer may import proxy-core types only (import type), and the plain list of operation names.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['vitest.config.ts', 'eslint.config.js', 'renderer/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
