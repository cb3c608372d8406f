// Builds a big unified-logging GC log from a real one by repeating its events with shifted uptimes,
// wall-clock stamps and GC ids (the start-up header is kept once, so the result is one long JVM run).
// Usage: node bench/gen-gc-log.mjs <source gc.log> <out> [target bytes, default 1 GiB]
import { readFileSync, openSync, writeSync, closeSync } from 'node:fs';

const [src, out, targetArg] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: node bench/gen-gc-log.mjs <source gc.log> <out> [target bytes]');
  process.exit(2);
}
const target = Number(targetArg ?? 1024 ** 3);
const lines = readFileSync(src, 'utf8').split('\n').filter(Boolean);
const DECO = /^\[([^\]]+)\]\[(\d+(?:\.\d+))s\]/;
const header = [];
const body = [];
let lastUptime = 0;
let maxGc = 0;
for (const l of lines) {
  if (/\[gc,init|Using G1|\[gc,heap,coops|\[gc,cds|\[gc,metaspace *\] (?:CDS|Compressed|Narrow)/.test(l) && body.length === 0) header.push(l);
  else body.push(l);
  const m = DECO.exec(l);
  if (m) lastUptime = Math.max(lastUptime, Number(m[2]));
  const g = /GC\((\d+)\)/.exec(l);
  if (g) maxGc = Math.max(maxGc, Number(g[1]));
}
const fd = openSync(out, 'w');
let written = 0;
const flush = (s) => {
  writeSync(fd, s);
  written += Buffer.byteLength(s);
};
flush(header.join('\n') + '\n');
for (let k = 0; written < target; k++) {
  const shift = k * (lastUptime + 0.5);
  const shiftMs = Math.round(shift * 1000);
  const idShift = k * (maxGc + 1);
  const chunk = [];
  for (const l of body) {
    const m = DECO.exec(l);
    let t = l;
    if (m) {
      const up = (Number(m[2]) + shift).toFixed(3);
      const wall = new Date(Date.parse(m[1].replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) + shiftMs).toISOString().replace('Z', '+0000');
      t = `[${wall}][${up}s]` + l.slice(m[0].length);
    }
    if (idShift) t = t.replace(/GC\((\d+)\)/, (_, n) => `GC(${Number(n) + idShift})`);
    chunk.push(t);
  }
  flush(chunk.join('\n') + '\n');
}
closeSync(fd);
console.error(`${out}: ${(written / 1024 ** 2).toFixed(0)} MB`);
