#!/usr/bin/env node
/**
 * Soak of the HTTP server (loopback only, bounded in time). The server runs in a child process with
 * one rule matching every valid event. The parent:
 *   1. fills the matches log with more than 32 MiB of history (`--history-mib`, ~3.4 KB events),
 *   2. connects one follower that reads `GET /_matches?follow=1` from the start and one that
 *      never reads,
 *   3. runs C clients sending PutEvents batches for S seconds, 10% of the entries invalid
 *      (`--invalid`), so they fail and must never appear on the stream,
 *   4. waits for the reading follower to reach the log's last Seq (found with `?since=` past the
 *      end, which answers the real `LastSeq`), and checks that every accepted entry appeared exactly
 *      once on the follow stream, that no rejected one did, and that the non-reading follower was
 *      disconnected by the server.
 * It prints requests/s, entries/s, the lost/duplicated counts and the server's RSS next to the log's
 * byte bound. Needs a build (`npm run build`, or `--dist <dir>` of any build of src/).
 *
 *   node bench/soak.mjs [--seconds 20] [--clients 20] [--batch 10] [--invalid 0.1]
 *                       [--history-mib 36] [--event-bytes 3400] [--log-mib 256] [--dist dist]
 *
 * Exit code 1 when anything was lost, duplicated, unexpected, or a request errored.
 */

import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { call } from './http-call.mjs';
import { mulberry32 as random } from './mulberry32.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '20' },
    batch: { type: 'string', default: '10' },
    invalid: { type: 'string', default: '0.1' },
    'history-mib': { type: 'string', default: '36' },
    'event-bytes': { type: 'string', default: '3400' },
    'log-mib': { type: 'string', default: '256' },
    dist: { type: 'string', default: 'dist' },
    serve: { type: 'boolean', default: false },
  },
});

const MIB = 1024 * 1024;
const logBytes = Number(values['log-mib']) * MIB;

/** Child role: serve until the parent says stop; answer memory questions. */
async function serve() {
  const { createServer } = await import(pathToFileURL(resolve(values.dist, 'server', 'index.js')).href);
  const server = createServer({ matchLogSize: 10_000_000, matchLogBytes: logBytes, heartbeatMs: 1_000 });
  server.bridge.putRule({ Name: 'all', EventPattern: '{"source":["soak"]}' });
  const address = await server.listen(0, '127.0.0.1');
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  process.send?.({ url: address.url, port: address.port });
  process.on('message', async (message) => {
    if (message === 'memory') {
      process.send?.({ rss: process.memoryUsage().rss, peakRss, logBytes: server.matches.bytes, logSize: server.matches.size });
    } else if (message === 'stop') {
      clearInterval(sampler);
      await server.close(1_000);
      process.exit(0);
    }
  });
}

/** A follower that reads the SSE stream and counts each EventId. */
function readingFollower(url) {
  const counts = new Map();
  let lastSeq = 0;
  let dropped = 0;
  let cut = false;
  let tail = '';
  let id = 0;
  const req = request(new URL('/_matches?follow=1', url), { agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      const lines = (tail + chunk).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('id: ')) id = Number(line.slice(4));
        else if (line === 'event: dropped') dropped++;
        else if (line === 'event: cut') cut = true;
        else if (line.startsWith('data: {"Seq":')) {
          const at = line.indexOf('"EventId":"');
          const eventId = line.slice(at + 11, line.indexOf('"', at + 11));
          counts.set(eventId, (counts.get(eventId) ?? 0) + 1);
          lastSeq = id;
        }
      }
    });
  });
  req.end();
  return { counts, lastSeq: () => lastSeq, dropped: () => dropped, cut: () => cut, close: () => req.destroy() };
}

/**
 * A follower that connects and never reads, until `finish` reads what is left and reports whether
 * the server closed it (`cut` tells whether its final `event: cut` was still readable: the server
 * destroys the socket when the client does not take it within a short grace).
 */
function stalledFollower(port) {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /_matches?follow=1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      socket.pause();
      resolvePromise({
        finish: () =>
          new Promise((done) => {
            let tailText = '';
            let closed = false;
            socket.on('data', (chunk) => (tailText = (tailText + chunk.toString('latin1')).slice(-4096)));
            socket.on('close', () => {
              closed = true;
              done({ closed, cut: tailText.includes('event: cut') });
            });
            socket.resume();
            setTimeout(() => done({ closed, cut: tailText.includes('event: cut') }), 5_000).unref();
          }),
      });
    });
    socket.on('error', reject);
  });
}

/** Parent role. */
async function drive() {
  const seconds = Number(values.seconds);
  const clients = Number(values.clients);
  const batch = Number(values.batch);
  const invalidShare = Number(values.invalid);
  const eventBytes = Number(values['event-bytes']);
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--log-mib', String(values['log-mib']), '--dist', String(values.dist)]);
  const { url, port } = await new Promise((resolvePromise, reject) => {
    child.once('message', resolvePromise);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const ask = (message) =>
    new Promise((resolvePromise) => {
      child.once('message', resolvePromise);
      child.send(message);
    });
  const agent = new Agent({ keepAlive: true, maxSockets: clients + 2 });
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' };
  const pad = 'x'.repeat(Math.max(0, eventBytes - 600));
  /** @type {Set<string>} */
  const accepted = new Set();
  let rejectedEntries = 0;
  let expectedRejected = 0;
  let errors = 0;
  let requests = 0;

  const send = async (entries) => {
    const response = await call(agent, url, { method: 'POST', path: '/', headers, body: JSON.stringify({ Entries: entries }) });
    requests++;
    if (response.status !== 200) {
      errors++;
      return;
    }
    const parsed = JSON.parse(response.body);
    for (const entry of parsed.Entries) {
      if (entry.EventId !== undefined) accepted.add(entry.EventId);
      else rejectedEntries++;
    }
  };

  // 1. History past 32 MiB, before any follower connects.
  const historyTarget = Number(values['history-mib']) * MIB;
  let historyBytes = 0;
  while (historyBytes < historyTarget) {
    const entries = Array.from({ length: 10 }, (_, i) => ({ Source: 'soak', DetailType: 'history', Detail: JSON.stringify({ i, pad }) }));
    historyBytes += entries.length * eventBytes;
    await send(entries);
  }
  const historyEntries = accepted.size;

  // 2. Followers.
  const reader = readingFollower(url);
  const stalled = await stalledFollower(port);

  // 3. Clients.
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const clientRequestsBefore = requests;
  const client = async (c) => {
    const next = random(0x50a + c);
    while (performance.now() < deadline) {
      const entries = [];
      for (let i = 0; i < batch; i++) {
        if (next() < invalidShare) {
          expectedRejected++;
          entries.push({ Source: 'soak', DetailType: 'bad', Detail: '{"not": json' });
        } else {
          entries.push({ Source: 'soak', DetailType: 'live', Detail: JSON.stringify({ c, i, pad }) });
        }
      }
      try {
        await send(entries);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const elapsed = (performance.now() - started) / 1000;
  const clientRequests = requests - clientRequestsBefore;

  // 4. Wait for the reading follower to reach the real last Seq (bounded wait).
  const end = JSON.parse((await call(agent, url, { method: 'GET', path: '/_matches?since=999999999999' })).body).LastSeq;
  const waitUntil = performance.now() + 60_000;
  while (reader.lastSeq() < end && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
  const memory = await ask('memory');
  const stalledEnd = await stalled.finish();
  reader.close();

  let lost = 0;
  let duplicated = 0;
  for (const eventId of accepted) {
    const count = reader.counts.get(eventId) ?? 0;
    if (count === 0) lost++;
    else if (count > 1) duplicated++;
  }
  let unexpected = 0;
  for (const eventId of reader.counts.keys()) if (!accepted.has(eventId)) unexpected++;

  child.send('stop');
  agent.destroy();
  await new Promise((r) => child.once('exit', r));

  const report = {
    node: process.version,
    clients,
    batch,
    seconds: Number(elapsed.toFixed(2)),
    requestsPerSecond: Math.round(clientRequests / elapsed),
    entriesPerSecond: Math.round((clientRequests * batch) / elapsed),
    historyEntries,
    historyMiB: Number((historyBytes / MIB).toFixed(1)),
    acceptedEntries: accepted.size,
    rejectedEntries,
    expectedRejected,
    lastSeq: end,
    followerLastSeq: reader.lastSeq(),
    lost,
    duplicated,
    unexpected,
    droppedNotices: reader.dropped(),
    readingFollowerCut: reader.cut(),
    stalledFollower: stalledEnd,
    errors,
    serverRssMiB: Number((memory.rss / MIB).toFixed(1)),
    serverPeakRssMiB: Number((memory.peakRss / MIB).toFixed(1)),
    logHeldMiB: Number((memory.logBytes / MIB).toFixed(1)),
    logBoundMiB: logBytes / MIB,
  };
  console.log(JSON.stringify(report, null, 2));
  const ok =
    errors === 0 && lost === 0 && duplicated === 0 && unexpected === 0 && rejectedEntries === expectedRejected && !reader.cut() && stalledEnd.closed;
  console.log(ok ? 'OK: every accepted entry exactly once on the follow stream; the non-reading follower was disconnected' : 'FAILED');
  process.exitCode = ok ? 0 : 1;
}

if (values.serve) await serve();
else await drive();
