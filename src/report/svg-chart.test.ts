import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcCharts, renderSvgChart } from './svg-chart.js';
import type { Series } from '../model/document.js';

test('an SVG chart of series: axes, legend, trend, escaped text, nothing remote', () => {
  const s: Series[] = [
    { name: 'live set <after full GC>', unit: 'bytes', x: 'uptime-ms', points: [[0, 10 << 20], [60_000, 20 << 20], [120_000, 30 << 20]], trend: { slope: (10 << 20) / 60_000, intercept: 10 << 20 } },
    { name: 'pause', unit: 'ms', x: 'uptime-ms', points: [[0, 5]] },
  ];
  const svg = renderSvgChart(s, { title: 'Live set' });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<title>Live set<\/title>/);
  assert.match(svg, /live set &lt;after full GC&gt; \(dashed: trend\)/);
  assert.match(svg, /stroke-dasharray/);
  assert.match(svg, />8 MB<.*>16 MB<.*>24 MB</);
  assert.doesNotMatch(svg, /pause/, 'a series of another unit is not drawn on this axis');
  assert.match(renderSvgChart([]), /No data/);
});

test('gcCharts picks the heap, live-set, pause and allocation charts that have data', () => {
  const pts: [number, number][] = [[0, 1], [1000, 2]];
  const names = gcCharts([
    { name: 'heap before GC', unit: 'bytes', x: 'uptime-ms', points: pts, style: 'points' },
    { name: 'pause', unit: 'ms', x: 'uptime-ms', points: pts, style: 'points' },
    { name: 'allocation rate', unit: 'bytes/s', x: 'uptime-ms', points: [] },
  ]).map((c) => c.name);
  assert.deepEqual(names, ['heap', 'pauses']);
});
