// Draws the add-in's ribbon/store icons (a green form with a check mark) as PNGs into assets/.
// Run once with `node scripts/make-icons.js`; the PNGs are committed.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(x, y, s) {
  const u = x / s, v = y / s;
  const green = [0x10, 0x7c, 0x41, 255];
  const white = [255, 255, 255, 255];
  const light = [0xc7, 0xe6, 0xd3, 255];
  const clear = [0, 0, 0, 0];
  const r = 0.14;
  const inside = u > 0.04 && u < 0.96 && v > 0.04 && v < 0.96 &&
    !(Math.hypot(Math.max(0.04 + r - u, 0, u - (0.96 - r)), Math.max(0.04 + r - v, 0, v - (0.96 - r))) > r);
  if (!inside) return clear;
  // check mark
  const w = Math.max(0.075, 1.6 / s);
  if (distToSegment(u, v, 0.5, 0.66, 0.62, 0.78) < w || distToSegment(u, v, 0.62, 0.78, 0.86, 0.5) < w) return white;
  // the form: three rows of cells
  if (u > 0.16 && u < 0.62 && v > 0.18 && v < 0.56) {
    const rowLine = Math.abs(((v - 0.18) / 0.38) * 3 - Math.round(((v - 0.18) / 0.38) * 3)) < 0.12 * (16 / s + 0.5);
    const colLine = Math.abs(u - 0.32) < 0.02 + 0.5 / s;
    return rowLine || colLine ? light : white;
  }
  return green;
}

for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(__dirname, '..', 'assets', `icon-${size}.png`), png(size, icon));
}
console.log('icons written');
