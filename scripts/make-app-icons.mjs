#!/usr/bin/env node
// Makes every app icon size the installers need from assets/icon.png (512×512), and commits
// nothing itself: run `npm run icons` after changing icon.png and commit the results.
//   assets/icons/<n>x<n>.png  Linux (AppImage and deb install the set into the hicolor theme)
//   assets/icon.ico           Windows (NSIS, the exe): 16, 24, 32, 48, 64, 128, 256, PNG-compressed
//   assets/icon.icns          macOS: 16 to 512 and their @2x forms (1024 would need a larger source)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng, encodePng, scaleDown } from './png-rgba.mjs';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const source = decodePng(readFileSync(join(assets, 'icon.png')));
if (source.width !== 512 || source.height !== 512) throw new Error(`assets/icon.png must be 512×512, is ${source.width}×${source.height}`);

export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];
const png = new Map(linuxSizes.map((size) => [size, encodePng(size === 512 ? source : scaleDown(source, size))]));

mkdirSync(join(assets, 'icons'), { recursive: true });
for (const [size, data] of png) writeFileSync(join(assets, 'icons', `${size}x${size}.png`), data);

// ICO: a directory of entries, each a whole PNG (Windows Vista and later read PNG entries).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((size, index) => {
  const entry = 6 + 16 * index;
  const data = png.get(size);
  header[entry] = size === 256 ? 0 : size;
  header[entry + 1] = size === 256 ? 0 : size;
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(data.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
writeFileSync(join(assets, 'icon.ico'), Buffer.concat([header, ...icoSizes.map((size) => png.get(size))]));

// ICNS: 'icns' + total length, then (type, length incl. 8-byte header, PNG data) per element.
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const elements = icnsTypes.map(([type, size]) => {
  const data = png.get(size);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'latin1');
icnsHead.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
writeFileSync(join(assets, 'icon.icns'), Buffer.concat([icnsHead, ...elements]));
console.log(`Wrote assets/icons/ (${linuxSizes.join(', ')}), assets/icon.ico and assets/icon.icns`);
