#!/usr/bin/env node
// `npm run dist` (after `npm run build`): electron-builder for the current OS with the targets
// of electron-builder.yml. `--publish always` (the release workflow) uploads to the GitHub
// release; the default is never. Signing and notarization use electron-builder's usual
// environment variables (CSC_LINK, CSC_KEY_PASSWORD; APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD,
// APPLE_TEAM_ID); when they are absent the build goes on and says so in one line each.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { build, Platform } = require('electron-builder');
const yaml = require('js-yaml');

const publishIndex = process.argv.indexOf('--publish');
const publish = publishIndex === -1 ? 'never' : process.argv[publishIndex + 1];
if (!['always', 'never', 'onTag', 'onTagOrDraft'].includes(publish)) {
  console.error(`--publish must be always, never, onTag or onTagOrDraft, got ${String(publish)}`);
  process.exit(1);
}

for (const built of ['out/main/main.js', 'out/main/preload.cjs', 'out/renderer/index.html']) {
  if (!existsSync(join(root, built))) {
    console.error(`${built} is missing: run npm run build first (npm run dist does).`);
    process.exit(1);
  }
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

if (!process.env.CSC_LINK) {
  console.log('Code signing skipped: CSC_LINK (and CSC_KEY_PASSWORD) not set, the installers will be unsigned.');
  // Otherwise electron-builder signs with any identity it finds in the macOS keychain.
  process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
}
if (process.platform === 'darwin' && !(process.env.APPLE_ID && process.env.APPLE_APP_SPECIFIC_PASSWORD && process.env.APPLE_TEAM_ID)) {
  // electron-builder notarizes only when these are set; an unsigned app cannot be notarized anyway.
  console.log('macOS notarization skipped: APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID not all set.');
}

// The update feed is the GitHub repository: GITHUB_REPOSITORY in the release workflow, else the
// checkout's origin remote (electron-builder reads .git/config). With neither there is nothing to
// update from: the app is built without a feed and its Settings say updates are unavailable.
const repository = process.env.GITHUB_REPOSITORY;
if (repository !== undefined && /^[\w.-]+\/[\w.-]+$/.test(repository)) {
  const [owner, repo] = repository.split('/');
  config.publish = config.publish.map((entry) => ({ ...entry, owner, repo }));
} else if (!/\[remote "origin"\]/.test(readText(join(root, '.git', 'config')))) {
  console.log('Update feed skipped: no GITHUB_REPOSITORY and no git origin remote, the app will not update itself.');
  config.publish = null;
}

// electron-builder rebuilds better-sqlite3 for Electron in node_modules itself; the checkout's
// Node (npm run serve, the tests) needs the Node build back afterwards.
const addon = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const kept = `${addon}.node-build`;
if (existsSync(addon)) copyFileSync(addon, kept);
try {
  await build({ projectDir: root, targets: Platform.current().createTarget(), config, publish });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  if (existsSync(kept)) copyFileSync(kept, addon);
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
