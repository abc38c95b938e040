// Draws the tray icon variants from the running icon (trayTemplate.png / @2x), so every state has
// the same shape. Run with `node assets/draw-tray-icons.mjs`; the PNGs are committed.
//   macOS (template images: black + alpha, the system tints them):
//     trayStoppedTemplate.png  the ring at 35 % opacity
//     trayErrorTemplate.png    the ring with an exclamation mark inside
//   Windows and Linux (panels are often dark, so not black): tray-running/-stopped/-error.png,
//     a light ring with a green, grey or red status dot.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

const directory = dirname(fileURLToPath(import.meta.url));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function readPng(path) {
  const data = readFileSync(path);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const chunk = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      if (chunk[8] !== 8 || chunk[9] !== 6) throw new Error(`${path}: expected 8-bit RGBA`);
    }
    if (type === 'IDAT') idat.push(chunk);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}

function writePng(path, { width, height, pixels }) {
  const chunk = (type, body) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const rows = [];
  for (let y = 0; y < height; y += 1) rows.push(Buffer.from([0]), pixels.subarray(y * width * 4, (y + 1) * width * 4));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  writeFileSync(path, png);
}

const copy = (image) => ({ ...image, pixels: Buffer.from(image.pixels) });
function setPixel(image, x, y, [r, g, b, a]) {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const i = (y * image.width + x) * 4;
  image.pixels.set([r, g, b, a], i);
}
function mapPixels(image, map) {
  const result = copy(image);
  for (let i = 0; i < result.pixels.length; i += 4) result.pixels.set(map([...result.pixels.subarray(i, i + 4)]), i);
  return result;
}
/** A filled rectangle in units of the 16-px design grid. */
function fill(image, x0, y0, x1, y1, color) {
  const scale = image.width / 16;
  for (let y = Math.round(y0 * scale); y < Math.round(y1 * scale); y += 1) {
    for (let x = Math.round(x0 * scale); x < Math.round(x1 * scale); x += 1) setPixel(image, x, y, color);
  }
}
function disc(image, cx, cy, radius, color) {
  const scale = image.width / 16;
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const dx = (x + 0.5) / scale - cx;
      const dy = (y + 0.5) / scale - cy;
      if (dx * dx + dy * dy <= radius * radius) setPixel(image, x, y, color);
    }
  }
}

const black = [0, 0, 0, 255];
const light = [236, 239, 244, 255];
const dots = { running: [46, 204, 113, 255], stopped: [140, 146, 156, 255], error: [231, 76, 60, 255] };

for (const suffix of ['', '@2x']) {
  const running = readPng(join(directory, `trayTemplate${suffix}.png`));

  writePng(join(directory, `trayStoppedTemplate${suffix}.png`), mapPixels(running, ([r, g, b, a]) => [r, g, b, Math.round(a * 0.35)]));

  // The exclamation mark sits inside the ring (columns 7-8 of the 16-px design).
  const error = copy(running);
  fill(error, 7, 5, 9, 8, black);
  fill(error, 7, 9, 9, 11, black);
  writePng(join(directory, `trayErrorTemplate${suffix}.png`), error);

  for (const [state, color] of Object.entries(dots)) {
    const colored = mapPixels(running, ([, , , a]) => (a === 0 ? [0, 0, 0, 0] : [light[0], light[1], light[2], a]));
    // A dark rim keeps the dot readable on light panels too.
    disc(colored, 12, 12, 4, [30, 30, 30, 255]);
    disc(colored, 12, 12, 3, color);
    writePng(join(directory, `tray-${state}${suffix}.png`), colored);
  }
}
