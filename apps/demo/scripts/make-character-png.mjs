#!/usr/bin/env node
// Draws assets/character.png, the demo's sample character: a flat cartoon face, small enough (a few hundred
// bytes) to travel inline as a data: URI. Kept so the sample can be remade or changed; run it by hand.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const sky = [196, 226, 255];
const skin = [246, 200, 160];
const dark = [60, 40, 30];
const hair = [110, 70, 40];

function colourAt(x, y) {
  const dx = x - 64;
  const dy = y - 68;
  const inFace = (dx * dx) / (44 * 44) + (dy * dy) / (52 * 52) <= 1;
  if (!inFace) return sky;
  if (y < 40 && dy * dy + dx * dx > 30 * 30) return hair;
  const eye = (cx) => (x - cx) ** 2 + (y - 60) ** 2 <= 36;
  if (eye(48) || eye(80)) return dark;
  const smile = Math.hypot(dx, y - 78);
  if (smile > 18 && smile < 22 && y > 84) return dark;
  return skin;
}

const rows = [];
for (let y = 0; y < size; y++) {
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set(colourAt(x, y), 1 + x * 3);
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../assets/character.png', import.meta.url), png);
console.log(`assets/character.png: ${png.length} bytes`);
