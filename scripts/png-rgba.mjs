// 8-bit RGBA PNGs as { width, height, pixels } and back (what assets/ holds), with zlib only:
// the icon script needs no image library.
import { deflateSync, inflateSync } from 'node:zlib';

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

/** Decodes a non-interlaced 8-bit RGBA PNG. */
export function decodePng(data) {
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
      if (chunk[8] !== 8 || chunk[9] !== 6 || chunk[12] !== 0) throw new Error('expected a non-interlaced 8-bit RGBA PNG');
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

export function encodePng({ width, height, pixels }) {
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
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A square image scaled down to `size` by area averaging (each target pixel is the mean of the
 * source area it covers, fractional edges weighted), in premultiplied alpha so transparent
 * pixels do not darken the edges.
 */
export function scaleDown(image, size) {
  const scale = image.width / size;
  if (scale < 1 || image.width !== image.height) throw new Error('scaleDown only shrinks square images');
  const pixels = Buffer.alloc(size * size * 4);
  const spans = Array.from({ length: size }, (_, index) => {
    const start = index * scale;
    const end = start + scale;
    const span = [];
    for (let source = Math.floor(start); source < Math.ceil(end); source += 1) span.push([source, Math.min(end, source + 1) - Math.max(start, source)]);
    return span;
  });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let weight = 0;
      for (const [sy, wy] of spans[y]) {
        for (const [sx, wx] of spans[x]) {
          const w = wx * wy;
          const offset = (sy * image.width + sx) * 4;
          const alpha = image.pixels[offset + 3] / 255;
          r += image.pixels[offset] * alpha * w;
          g += image.pixels[offset + 1] * alpha * w;
          b += image.pixels[offset + 2] * alpha * w;
          a += alpha * w;
          weight += w;
        }
      }
      const target = (y * size + x) * 4;
      const alpha = a / weight;
      pixels[target] = alpha === 0 ? 0 : Math.round(r / a);
      pixels[target + 1] = alpha === 0 ? 0 : Math.round(g / a);
      pixels[target + 2] = alpha === 0 ? 0 : Math.round(b / a);
      pixels[target + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, pixels };
}
