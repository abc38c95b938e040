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
import { decodePng, encodePng } from '../scripts/png-rgba.mjs';

const directory = dirname(fileURLToPath(import.meta.url));

const readPng = (path) => decodePng(readFileSync(path));
const writePng = (path, image) => writeFileSync(path, encodePng(image));

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
