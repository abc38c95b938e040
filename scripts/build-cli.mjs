#!/usr/bin/env node
/**
 * Bundles the headless CLI (proxy-core/headless/cli.ts) into out/cli/skyport.mjs, which
 * `npm run serve` runs with plain node: no TypeScript loader in the serving process (tsx's
 * on-the-fly transform wraps every function it creates in a naming helper, which a gateway pays
 * for on each request, and its loader adds about 30 MB of RSS). Takes well under a second.
 */
import { bundleNodeEntry } from './bundle-node-entry.mjs';

await bundleNodeEntry('proxy-core/headless/cli.ts', 'out/cli/skyport.mjs');
