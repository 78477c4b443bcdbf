#!/usr/bin/env node
// Plots runs of bench/visits.mjs: throughput (finished visits per minute, 10 s windows) and the server's RSS over time,
// one line per run, as SVG; with --png, also renders it with headless Chromium.
// Usage: node bench/plot.mjs --out docs/benchmarks-visits [--png] results/a.json:label results/b.json:label …
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
let out = 'bench-visits';
let png = false;
const runs = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--out') out = argv[++i];
  else if (argv[i] === '--png') png = true;
  else {
    const [file, label] = argv[i].split(':');
    const { summary, samples } = JSON.parse(fs.readFileSync(file, 'utf8'));
    runs.push({ label: label ?? path.basename(file), summary, samples });
  }
}
if (runs.length === 0) { console.error('error UsageError: give at least one results file'); process.exit(2); }

const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const W = 960, panelH = 300, margin = { l: 70, r: 20, t: 40, b: 40 };
const H = margin.t + 2 * panelH + 2 * margin.b + 60;

function throughput(samples, window = 10) {
  const points = [];
  for (const s of samples) {
    const earlier = samples.filter(p => p.t <= s.t - window).at(-1);
    if (!earlier) continue;
    points.push({ t: s.t, y: (s.finished - earlier.finished) / (s.t - earlier.t) * 60 });
  }
  return points;
}

const series = runs.map((r, i) => ({
  label: r.label,
  color: colors[i % colors.length],
  tp: throughput(r.samples),
  rss: r.samples.filter(s => s.rssMb !== null).map(s => ({ t: s.t, y: s.rssMb })),
  kills: (r.summary.restarts ?? []).map(k => k.killedAt),
}));
const tMax = Math.max(...runs.map(r => r.samples.at(-1).t));

function panel(top, title, key, yMax, unit, target) {
  const x = t => margin.l + (t / tMax) * (W - margin.l - margin.r);
  const y = v => top + panelH - (v / yMax) * panelH;
  let svg = `<text x="${margin.l}" y="${top - 10}" font-size="15" font-weight="bold">${title}</text>`;
  for (let k = 0; k <= 5; k++) {
    const v = (yMax / 5) * k;
    svg += `<line x1="${margin.l}" x2="${W - margin.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`;
    svg += `<text x="${margin.l - 8}" y="${y(v) + 4}" font-size="11" text-anchor="end">${Math.round(v)}</text>`;
  }
  const step = tMax > 600 ? 120 : tMax > 240 ? 60 : 30;
  for (let t = 0; t <= tMax; t += step) {
    svg += `<text x="${x(t)}" y="${top + panelH + 16}" font-size="11" text-anchor="middle">${t}s</text>`;
  }
  if (target) {
    svg += `<line x1="${margin.l}" x2="${W - margin.r}" y1="${y(target.v)}" y2="${y(target.v)}" stroke="#000" stroke-dasharray="6 4"/>`;
    svg += `<text x="${W - margin.r - 4}" y="${y(target.v) - 5}" font-size="11" text-anchor="end">${target.label}</text>`;
  }
  for (const s of series) {
    const pts = s[key].map(p => `${x(p.t).toFixed(1)},${y(Math.min(p.y, yMax)).toFixed(1)}`).join(' ');
    svg += `<polyline fill="none" stroke="${s.color}" stroke-width="1.8" points="${pts}"/>`;
    for (const k of s.kills) svg += `<line x1="${x(k)}" x2="${x(k)}" y1="${top}" y2="${top + panelH}" stroke="${s.color}" stroke-opacity="0.35" stroke-dasharray="2 3"/>`;
  }
  svg += `<text x="18" y="${top + panelH / 2}" font-size="12" transform="rotate(-90 18 ${top + panelH / 2})" text-anchor="middle">${unit}</text>`;
  return svg;
}

const tpMax = Math.max(2200, ...series.flatMap(s => s.tp.map(p => p.y))) * 1.1;
const rssMax = Math.max(450, ...series.flatMap(s => s.rss.map(p => p.y))) * 1.1;
let body = panel(margin.t, 'Throughput: finished visits per minute (10 s window)', 'tp', tpMax, 'visits/min', { v: 2000, label: 'target 2,000/min' });
body += panel(margin.t + panelH + margin.b + 30, 'Server RSS (dotnet medzen.dll serve)', 'rss', rssMax, 'MB', { v: 400, label: 'target 400 MB' });
let ly = H - 18;
let lx = margin.l;
for (const s of series) {
  body += `<rect x="${lx}" y="${ly - 10}" width="14" height="4" fill="${s.color}"/><text x="${lx + 20}" y="${ly - 4}" font-size="12">${s.label}</text>`;
  lx += 20 + s.label.length * 6.6 + 24;
}
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`;
fs.writeFileSync(`${out}.svg`, svg);
if (png) {
  const html = path.resolve(`${out}.html`);
  fs.writeFileSync(html, `<html><body style="margin:0">${svg}</body></html>`);
  execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${path.resolve(out)}.png`, `--window-size=${W},${H}`, `file://${html}`], { stdio: 'ignore' });
  fs.rmSync(html);
}
console.log(`${out}.svg${png ? ` ${out}.png` : ''}`);
