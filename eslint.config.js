// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test-results/'] },
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
          patterns: [{ group: ['**/main/**', '**/renderer/**', 'electron/*'], message: 'proxy-core must not depend on main/ or renderer/.' }],
        },
      ],
    },
  },
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
