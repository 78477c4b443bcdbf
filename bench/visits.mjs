#!/usr/bin/env node
// Load, memory and crash bench for the whole visit path (issue 14, item 13): starts a real `medzen serve` on a fresh
// data folder, registers and finalizes visits over HTTP (each with an Idempotency-Key, so a request cut by a crash is
// simply sent again), samples the server's RSS and finished executions every second, optionally kills the server with
// SIGKILL at random moments and restarts it, and at the end checks every visit: exactly one note and one notification
// (and one distinct webhook key), or parked on the retry queue. Prints one JSON summary line; writes the time series.
//
// Usage: node bench/visits.mjs --count 1000 --latency 2s [--faults throttle=0.3,unavailable=0.05] [--kills 10]
//          [--concurrency 200] [--port 18310] [--transcripts a.jsonl,b.jsonl] [--out bench/results/name] [--env K=V,…] [--keep]
// The model is the offline writer with MEDZEN__MODEL__OFFLINE__SIMULATEDLATENCY (and …__FAULTS); notifications go to a
// webhook served by this script on --port + 1. Needs the Release build (dotnet build src/MedZen.Server -c Release) and
// the sqlite3 CLI (read-only checks of the data folder at the end).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const count = int(args.count ?? '1000');
const latency = seconds(args.latency ?? '2s');
const faults = args.faults ?? '';
const kills = int(args.kills ?? '0');
const concurrency = int(args.concurrency ?? '200');
const port = int(args.port ?? '18310');
const hookPort = port + 1;
const dll = args.dll ?? path.join(root, 'src/MedZen.Server/bin/Release/net10.0/medzen.dll');
const shared = process.env.MEDZEN_SHARED ?? path.join(root, '../shared');
const transcriptFiles = (args.transcripts ?? [`${shared}/data/mts-dialog/valid.jsonl`, `${shared}/data/aci-bench/valid.jsonl`].join(',')).split(',');
const out = args.out ?? path.join(root, 'bench/results', `visits-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const data = args.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-bench-'));
const base = `http://127.0.0.1:${port}`;
const run = Math.random().toString(16).slice(2, 10);

if (!fs.existsSync(dll)) fail(`${dll} is missing: dotnet build src/MedZen.Server -c Release`);
const transcripts = transcriptFiles.flatMap(f => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l).dialogue)).filter(Boolean);
if (transcripts.length === 0) fail('no transcripts');

// Webhook receiver: deliveries per idempotency key (a resend after a crash carries the same key).
const deliveries = new Map();
let deliveryCount = 0;
const hook = http.createServer((req, res) => {
  const key = req.headers['idempotency-key'] ?? '(none)';
  req.resume();
  req.on('end', () => {
    deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
    deliveryCount++;
    res.writeHead(200).end('{}');
  });
});
await new Promise(r => hook.listen(hookPort, '127.0.0.1', r));

let server = null;
let serverUp = false;
const restarts = [];
const logFile = fs.openSync(path.join(data, 'bench-server.log'), 'a');
async function startServer() {
  const env = {
    ...process.env,
    MEDZEN__MODEL__OFFLINE__SIMULATEDLATENCY: `00:00:${latency.toFixed(3).padStart(6, '0')}`,
    MEDZEN__MODEL__OFFLINE__FAULTS: faults,
    MEDZEN__NOTIFICATIONS__CHANNEL: 'webhook',
    MEDZEN__NOTIFICATIONS__WEBHOOK__URL: `http://127.0.0.1:${hookPort}/hook`,
    MEDZEN__NOTIFICATIONS__WEBHOOK__SECRET: 'bench-webhook-secret-0123456789abcdef',
    // --env NAME=VALUE[,NAME=VALUE]: extra settings for the server (e.g. DOTNET_gcServer=0 to compare collectors).
    ...Object.fromEntries((args.env ?? '').split(',').filter(Boolean).map(kv => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
  };
  const started = Date.now();
  server = spawn('dotnet', [dll, 'serve', '--urls', base, '--data', data], { env, stdio: ['ignore', logFile, logFile] });
  server.exited = new Promise(r => server.once('exit', r));
  for (;;) {
    if (server.exitCode !== null) fail(`medzen serve exited with ${server.exitCode}; see ${data}/bench-server.log`);
    try {
      const res = await fetch(`${base}/ready`);
      if (res.status === 200) break;
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  serverUp = true;
  return Date.now() - started;
}

function rssMb() {
  try {
    const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
    return int(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch { return null; }
}

function sql(db, query) {
  // The query goes on stdin: the per-visit checks list every session id, and 10,000 of them exceed one argument's limit (E2BIG).
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(data, db)], { encoding: 'utf8', input: query, maxBuffer: 256 * 1024 * 1024 }).trim();
}

function finishedExecutions() {
  try { return int(sql('states.db', "SELECT COUNT(*) FROM executions WHERE UPPER(status) <> 'RUNNING'")); } catch { return null; }
}

await startServer();
const key = fs.readFileSync(path.join(data, 'service-api-key'), 'utf8').trim();

// One request, sent again (same Idempotency-Key) until the server answers it: a kill -9 cuts connections.
async function send(method, url, body, idempotencyKey) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(base + url, {
        method,
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status < 500 && res.status !== 429) {
        if (res.status >= 400) fail(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
        return JSON.parse(text);
      }
    } catch { /* connection refused or reset: the server is restarting */ }
    await sleep(Math.min(2000, 100 * (attempt + 1)));
  }
}

const sessions = new Array(count);
let next = 0;
let finalized = 0;
const t0 = Date.now();
async function worker() {
  for (;;) {
    const i = next++;
    if (i >= count) return;
    const provider = `prov-bench-${i % 25}`;
    const visit = await send('POST', '/v1/visits', { providerId: provider, transcriptionEnabled: true, transcript: transcripts[i % transcripts.length] }, `bench-${run}-visit-${i}`);
    await send('POST', `/v1/video-calls/${encodeURIComponent(visit.sessionId)}/finalize`,
      { appointmentId: visit.appointmentId, providerId: visit.providerId, transcriptionEnabled: true }, `bench-${run}-finalize-${i}`);
    sessions[i] = visit.sessionId;
    finalized++;
  }
}

// Kills at random moments while work is in flight: when the finished executions pass random shares (3-90%) of the count.
const killAt = Array.from({ length: kills }, () => Math.floor((0.03 + Math.random() * 0.87) * count)).sort((a, b) => a - b);
const samples = [];
let lastFinished = 0;
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    const t = (Date.now() - t0) / 1000;
    const finished = finishedExecutions() ?? lastFinished;
    lastFinished = finished;
    samples.push({ t: +t.toFixed(1), rssMb: serverUp ? rssMb() : null, finished, finalized, load1: os.loadavg()[0] });
    if (killAt.length && finished >= killAt[0]) {
      killAt.shift();
      serverUp = false;
      const before = finished;
      server.kill('SIGKILL');
      await server.exited;
      const downAt = (Date.now() - t0) / 1000;
      const startMs = await startServer();
      restarts.push({ killedAt: +downAt.toFixed(1), finishedBefore: before, restartMs: startMs });
    }
    await sleep(1000);
  }
})();

await Promise.all(Array.from({ length: concurrency }, worker));
const intakeSeconds = (Date.now() - t0) / 1000;

// Wait until every execution has left RUNNING (a parked visit's execution ends; the queue holds it), then no kills remain.
for (;;) {
  const running = int(sql('states.db', "SELECT COUNT(*) FROM executions WHERE UPPER(status) = 'RUNNING'"));
  if (running === 0 && killAt.length === 0 && lastFinished >= count) break;
  if (running === 0 && killAt.length === 0 && finishedExecutions() >= count) break;
  await sleep(500);
}
const totalSeconds = (Date.now() - t0) / 1000;
sampling = false;
await sampler;
samples.push({ t: +totalSeconds.toFixed(1), rssMb: rssMb(), finished: finishedExecutions(), finalized, load1: os.loadavg()[0] });
await sleep(3000); // let the last notifications reach the webhook

// Per-visit checks, read-only, from the data folder.
const ids = sessions.filter(Boolean);
const inList = ids.map(s => `'${s.replace(/'/g, "''")}'`).join(',');
const perSession = new Map(ids.map(s => [s, { notes: 0, notifications: 0, sent: 0, statuses: [], sessionStatus: null }]));
for (const line of sql('medzen.db', `SELECT session_id, COUNT(*) FROM soap_notes WHERE session_id IN (${inList}) GROUP BY session_id`).split('\n').filter(Boolean)) {
  const [s, n] = line.split('|'); perSession.get(s).notes = int(n);
}
for (const line of sql('medzen.db', `SELECT json_extract(payload_json, '$.sessionId'), status, idempotency_key FROM notifications`).split('\n').filter(Boolean)) {
  const [s, status, k] = line.split('|');
  const row = perSession.get(s);
  if (!row) continue;
  row.notifications++; row.statuses.push(status); if (status === 'sent') row.sent++;
  row.keys = [...(row.keys ?? []), k];
}
for (const line of sql('medzen.db', `SELECT id, status FROM video_call_sessions WHERE id IN (${inList})`).split('\n').filter(Boolean)) {
  const [s, status] = line.split('|'); perSession.get(s).sessionStatus = status;
}
const executionStatus = {};
for (const line of sql('states.db', 'SELECT status, COUNT(*) FROM executions GROUP BY status').split('\n').filter(Boolean)) {
  const [status, n] = line.split('|'); executionStatus[status] = int(n);
}
let queue = { waiting: null, deadLettered: null };
try { queue = await (await fetch(`${base}/v1/queue`, { headers: { 'x-api-key': key } })).json(); } catch { /* reported as null */ }

const queueText = JSON.stringify(queue);
const tally = { noteAndNotification: 0, parked: 0, failed: 0, lost: 0, duplicateNotes: 0, duplicateNotifications: 0, pendingNotifications: 0 };
const failedStatuses = {};
for (const [s, row] of perSession) {
  if (row.notes > 1) tally.duplicateNotes++;
  if (row.notifications > 1) tally.duplicateNotifications++;
  if (row.statuses.some(st => st === 'pending' || st === 'sending')) tally.pendingNotifications++;
  const webhookKeys = (row.keys ?? []).filter(k => deliveries.has(k)).length;
  if (row.notes === 1 && row.notifications === 1 && row.sent === 1 && webhookKeys === 1) tally.noteAndNotification++;
  else if (row.sessionStatus === 'soap_retry_pending' || queueText.includes(JSON.stringify(s))) tally.parked++;
  else if (row.sessionStatus === 'soap_failed') { tally.failed++; failedStatuses[row.sessionStatus] = (failedStatuses[row.sessionStatus] ?? 0) + 1; }
  else tally.lost++;
}
tally.lost += count - ids.length;
const repeatDeliveries = [...deliveries.values()].filter(n => n > 1).length;
const processSeconds = totalSeconds;
const peakRss = Math.max(...samples.map(s => s.rssMb ?? 0));
const summary = {
  count, latencySeconds: latency, faults: faults || null, kills, concurrency, env: args.env ?? null, restarts,
  seconds: +processSeconds.toFixed(1), intakeSeconds: +intakeSeconds.toFixed(1),
  visitsPerMinute: +(count / processSeconds * 60).toFixed(0),
  peakRssMb: +peakRss.toFixed(0),
  rssAfterWarmupMb: rssSlope(samples),
  executions: executionStatus, queue: { waiting: Array.isArray(queue.waiting) ? queue.waiting.length : queue.waiting ?? null, deadLettered: Array.isArray(queue.deadLettered) ? queue.deadLettered.length : queue.deadLettered ?? null },
  ...tally, webhookDeliveries: deliveryCount, webhookDistinctKeys: deliveries.size, webhookKeysDeliveredMoreThanOnce: repeatDeliveries,
  loadAverage: os.loadavg().map(x => +x.toFixed(2)), cores: os.cpus().length, data,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(`${out}.json`, JSON.stringify({ summary, samples }, null, 1));
console.log(JSON.stringify(summary));

server.kill('SIGTERM');
await Promise.race([server.exited, sleep(10000)]);
if (server.exitCode === null) server.kill('SIGKILL');
hook.close();
// A run with anything but clean visits keeps its folder (server log, databases) for diagnosis.
if (!args.keep && !args.data && tally.lost === 0 && tally.pendingNotifications === 0) fs.rmSync(data, { recursive: true, force: true });
process.exit(0);

// RSS after warm-up: the mean of the second and the last fifth of the run, so growth shows as a difference.
function rssSlope(points) {
  const rss = points.map(p => p.rssMb).filter(x => x !== null);
  if (rss.length < 10) return null;
  const fifth = Math.floor(rss.length / 5);
  const mean = a => +(a.reduce((x, y) => x + y, 0) / a.length).toFixed(0);
  return { secondFifth: mean(rss.slice(fifth, 2 * fifth)), lastFifth: mean(rss.slice(-fifth)) };
}

function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) fail(`unexpected argument ${a}`);
    const name = a.slice(2);
    if (name === 'keep') parsed.keep = true;
    else parsed[name] = argv[++i];
  }
  return parsed;
}
function int(s) { const n = Number.parseInt(s, 10); if (Number.isNaN(n)) fail(`not a number: ${s}`); return n; }
function seconds(s) { const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(s); if (!m) fail(`bad duration ${s}`); return m[2] === 'ms' ? +m[1] / 1000 : +m[1]; }
function sleep(ms) { return new Promise(r => setTimeout(r, ms)); }
function fail(message) { console.error(`error BenchFailed: ${message}`); process.exit(1); }
