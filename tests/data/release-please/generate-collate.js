#!/usr/bin/env node
// Writes collate.json: random string pairs and the sign of node's `a.localeCompare(b)`
// (ICU, en-US), the fixture of herald's collation.   node generate-collate.js > collate.json
'use strict';
let seed = 7;
function random() {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const palette = [...'abcdeABCDE01289 _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$\t'].concat(
  ['é', 'É', 'è', 'ä', 'Ö', 'ñ', 'ß', 'æ', 'Œ', 'ø', 'ł', '✨', '🐛', 'α', 'Ж', '中', '\u0301', '\u0001', '\u00a0']);
const word = () => {
  const n = 1 + Math.floor(random() * 6);
  let s = '';
  for (let i = 0; i < n; i++) s += palette[Math.floor(random() * palette.length)];
  return s;
};
const pairs = [];
for (let i = 0; i < 3000; i++) {
  let a = word();
  let b = random() < 0.5 ? word() : a.replace(/./u, (c) => palette[Math.floor(random() * palette.length)]);
  if (random() < 0.3) { const p = word(); a = p + a; b = p + b; }
  pairs.push([a, b, Math.sign(a.localeCompare(b))]);
}
process.stdout.write('[\n' + pairs.map((p) => JSON.stringify(p)).join(',\n') + '\n]\n');
