#!/usr/bin/env node
/**
 * Load test of the HTTP server (loopback only, bounded): C concurrent clients send PutEvents
 * batches of B entries for S seconds against R rules, then every EventId the server returned is
 * looked up in `GET /_matches`, which must hold each exactly once (the log is sized for the run:
 * `--ring` records and `--ring-mib` MiB, its two bounds; the server's defaults, 10,000 and 64 MiB,
 * would drop most of a run's entries, which is the log's documented bound, not a loss).
 * The server runs in a child process so client work does not eat its CPU. Needs a build first
 * (`npm run build`); it imports `<dist>/server/index.js`.
 *
 *   node bench/load-test.mjs [--seconds 10] [--clients 20] [--batch 10] [--rules 1000]
 *                            [--ring 2000000] [--ring-mib 2048] [--dist dist]
 *
 * Requests are sent as the AWS SDK sends them (same headers and body), unsigned: the server does not
 * check signatures, and signing would only measure the client. Exit code 1 on any error or lost entry.
 */

import { fork } from 'node:child_process';
import { Agent } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { call } from './http-call.mjs';
import { mulberry32 as random } from './mulberry32.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '20' },
    batch: { type: 'string', default: '10' },
    rules: { type: 'string', default: '1000' },
    ring: { type: 'string', default: '2000000' },
    'ring-mib': { type: 'string', default: '2048' },
    dist: { type: 'string', default: 'dist' },
    serve: { type: 'boolean', default: false },
  },
});

const ruleCount = Number(values.rules);

/**
 * Rule i matches every event whose `detail.n` is i, each kind of rule with a different operator,
 * so the automaton sees exact, prefix, numeric and anything-but conditions.
 *
 * @param {number} i - rule index.
 * @returns {string} the pattern text.
 */
function patternFor(i) {
  switch (i % 4) {
    case 0:
      return JSON.stringify({ source: ['load.test'], detail: { n: [i] } });
    case 1:
      return JSON.stringify({ detail: { user: [{ prefix: `user-${i}-` }] } });
    case 2:
      return JSON.stringify({ detail: { amount: [{ numeric: ['>=', i * 2, '<', i * 2 + 1] }] } });
    default:
      return JSON.stringify({ detail: { n: [i], region: [{ 'anything-but': ['nowhere'] }] } });
  }
}

/** Child role: serve until the parent says stop. */
async function serve() {
  const distUrl = pathToFileURL(resolve(values.dist, 'server', 'index.js')).href;
  /** @type {{ createServer: (options: object) => any }} */
  const { createServer } = await import(distUrl);
  const server = createServer({ matchLogSize: Number(values.ring), matchLogBytes: Number(values['ring-mib']) * 1024 * 1024 });
  for (let i = 0; i < ruleCount; i++) server.bridge.putRule({ Name: `rule-${i}`, EventPattern: patternFor(i) });
  const address = await server.listen(0, '127.0.0.1');
  process.send?.({ url: address.url });
  process.on('message', async (message) => {
    if (message === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
}

/** Parent role: start the server, drive the clients, check the log, print the figures. */
async function drive() {
  const seconds = Number(values.seconds);
  const clients = Number(values.clients);
  const batch = Number(values.batch);
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--rules', String(ruleCount), '--ring', String(values.ring), '--ring-mib', String(values['ring-mib']), '--dist', String(values.dist)]);
  /** @type {string} */
  const url = await new Promise((resolvePromise, reject) => {
    child.once('message', (message) => resolvePromise(/** @type {{ url: string }} */ (message).url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' };

  /** @type {number[]} */
  const latencies = [];
  /** @type {string[]} */
  const eventIds = [];
  let errors = 0;
  let failedEntries = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();

  const client = async (/** @type {number} */ c) => {
    const next = random(0x10ad + c);
    while (performance.now() < deadline) {
      const entries = [];
      for (let i = 0; i < batch; i++) {
        const n = Math.floor(next() * ruleCount);
        const detail = { n, user: `user-${n}-${c}`, amount: n * 2 + 0.5, region: `r${n % 10}` };
        entries.push({ Source: 'load.test', DetailType: 'load', Detail: JSON.stringify(detail), TraceHeader: `Root=1-${c}-${i}` });
      }
      const body = JSON.stringify({ Entries: entries });
      const t0 = performance.now();
      try {
        const response = await call(agent, url, { method: 'POST', path: '/', headers: { ...headers, 'x-amzn-trace-id': `Root=1-load-${c}` }, body });
        latencies.push(performance.now() - t0);
        if (response.status !== 200) {
          errors++;
          continue;
        }
        const parsed = JSON.parse(response.body);
        failedEntries += parsed.FailedEntryCount;
        for (const entry of parsed.Entries) if (entry.EventId !== undefined) eventIds.push(entry.EventId);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const elapsed = (performance.now() - started) / 1000;

  // Every EventId must be in the log exactly once.
  const seen = new Map();
  let since = 0;
  let dropped = 0;
  for (;;) {
    const page = JSON.parse((await call(agent, url, { method: 'GET', path: `/_matches?since=${since}&limit=20000` })).body);
    dropped += page.Dropped;
    for (const match of page.Matches) seen.set(match.EventId, (seen.get(match.EventId) ?? 0) + 1);
    if (page.Matches.length === 0) break;
    since = page.LastSeq;
  }
  let lost = 0;
  let duplicated = 0;
  for (const id of eventIds) {
    const count = seen.get(id) ?? 0;
    if (count === 0) lost++;
    else if (count > 1) duplicated++;
  }
  const unexpected = seen.size - new Set(eventIds).size;

  child.send('stop');
  agent.destroy();
  await new Promise((resolvePromise) => child.once('exit', resolvePromise));

  latencies.sort((a, b) => a - b);
  const pct = (/** @type {number} */ p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
  const requests = latencies.length;
  const report = {
    node: process.version,
    clients,
    batch,
    rules: ruleCount,
    seconds: Number(elapsed.toFixed(2)),
    requests,
    requestsPerSecond: Math.round(requests / elapsed),
    entriesPerSecond: Math.round(eventIds.length / elapsed),
    latencyMs: { p50: Number(pct(50).toFixed(2)), p99: Number(pct(99).toFixed(2)), max: Number(pct(100).toFixed(2)) },
    errors,
    failedEntries,
    entries: eventIds.length,
    logged: seen.size,
    dropped,
    lost,
    duplicated,
    unexpected,
  };
  console.log(JSON.stringify(report, null, 2));
  const ok = errors === 0 && failedEntries === 0 && lost === 0 && duplicated === 0 && unexpected === 0 && dropped === 0;
  console.log(ok ? 'OK: zero errors, zero lost entries' : 'FAILED');
  process.exitCode = ok ? 0 : 1;
}

if (values.serve) await serve();
else await drive();
