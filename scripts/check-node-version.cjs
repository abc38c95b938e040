#!/usr/bin/env node
// Refuses Node older than Skyport needs, with a message naming the version: `preinstall` of the
// package (so `npm install -g skyport-*.tgz` fails on an old Node instead of installing something
// that cannot start) and the first thing bin/skyport.mjs does. CommonJS in old syntax on purpose:
// it has to run on the very Node versions it refuses.
'use strict';

var required = [20, 19, 0];

function isSupported(version) {
  var parts = String(version).replace(/^v/, '').split('.').map(function (part) {
    return parseInt(part, 10) || 0;
  });
  for (var index = 0; index < required.length; index += 1) {
    var have = parts[index] || 0;
    if (have !== required[index]) return have > required[index];
  }
  return true;
}

function unsupportedMessage(version) {
  return 'Skyport needs Node.js 20.19 or newer; this is Node.js ' + version + '. Install a newer Node.js (https://nodejs.org) and try again.';
}

module.exports = { isSupported: isSupported, unsupportedMessage: unsupportedMessage };

if (require.main === module && !isSupported(process.versions.node)) {
  process.stderr.write(unsupportedMessage(process.versions.node) + '\n');
  process.exit(1);
}
