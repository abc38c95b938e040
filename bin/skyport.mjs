#!/usr/bin/env node
// The `skyport` command of the npm package: the CLI bundle (out/cli/skyport.mjs, built by
// `npm run build`) run by plain Node. The bundle is loaded with a dynamic import after the version
// check, so an old Node prints which version is needed instead of a syntax or module error.
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

const require = createRequire(import.meta.url);
const { isSupported, unsupportedMessage } = require('../scripts/check-node-version.cjs');
if (!isSupported(process.versions.node)) {
  process.stderr.write(`${unsupportedMessage(process.versions.node)}\n`);
  process.exit(1);
}
// What `npm run serve` passes on its command line (bench/README.md): set before the gateway's
// code is loaded, so the objects it creates are allocated under it.
setFlagsFromString('--no-allocation-site-pretenuring');
process.setSourceMapsEnabled(true);
await import('../out/cli/skyport.mjs');
