/**
 * Quick local measurements of the compiled Matcher while developing (not part of `npm test` or
 * `npm run bench`). Build and run:
 *   npx tsc -p bench/quick-tsconfig.json --outDir <dir> && node --expose-gc <dir>/bench/quick-matcher.js
 * Prints ops/s of match() against JSON.parse on the same texts, scaling from 100 to 100,000 rules,
 * the speed-up over a per-rule loop, add time and heap per rule, and heap after deleting all rules.
 */

import { Matcher } from '../src/match/matcher.js';
import { matchesPattern } from '../src/match/reference.js';
import { parsePattern } from '../src/pattern/parse.js';
import { flattenEvent } from '../src/event/flatten.js';
import { createRandom as rng } from './data.js';

const random = rng(1);
const int = (n: number): number => Math.floor(random() * n);

/** A key below 100,000, log-uniform so that small rule sets match too. */
function skewed(): number {
  return Math.floor(Math.exp(random() * Math.log(100_000)));
}

function envelopeEvent(i: number): string {
  return JSON.stringify({
    version: '0',
    id: `6a7e8feb-b491-4cf7-a9f1-bf3703467718-${i}`,
    'detail-type': `Type ${int(2000)}`,
    source: `com.example.service${skewed()}`,
    account: '111122223333',
    time: '2017-12-22T18:43:48Z',
    region: 'us-west-1',
    resources: [`arn:aws:ec2:us-west-1:123456789012:instance/i-${skewed()}-x`],
    detail: {
      'instance-id': `i-${skewed()}-y`,
      state: ['running', 'stopped', 'pending'][int(3)],
      size: int(1000),
      tags: { env: ['prod', 'dev'][int(2)], team: `team-${int(50)}`, owner: `user${int(500)}@example.com` },
      items: [
        { sku: `sku-${int(100)}`, qty: int(10), price: random() * 100 },
        { sku: `sku-${int(100)}`, qty: int(10), price: random() * 100 },
      ],
      note: 'x'.repeat(200),
    },
  });
}

function cityLot(): string {
  const coords: number[][] = [];
  for (let i = 0; i < 40; i++) coords.push([-122.4 - random() / 100, 37.8 + random() / 100, 0]);
  return JSON.stringify({
    type: 'Feature',
    properties: { MAPBLKLOT: `${int(9999)}`, BLKLOT: `${int(9999)}`, BLOCK_NUM: `${int(999)}`, LOT_NUM: `${int(999)}`, FROM_ST: `${int(100)}`, TO_ST: `${int(100)}`, STREET: ['MARKET', 'MISSION', 'JACKSON', 'UNKNOWN'][int(4)], ST_TYPE: 'ST', ODD_EVEN: 'E' },
    geometry: { type: 'Polygon', coordinates: [coords] },
  });
}

/** Rule i is unique in i, so an event matches about as many rules at 100 as at 100,000 rules. */
function exactPrefixRules(n: number): object[] {
  const rules: object[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 4) {
      case 0:
        rules.push({ source: [`com.example.service${i}`], 'detail-type': [`Type ${i % 2000}`] });
        break;
      case 1:
        rules.push({ source: [`com.example.service${i}`], detail: { state: ['running'] } });
        break;
      case 2:
        rules.push({ detail: { 'instance-id': [{ prefix: `i-${i}-` }] } });
        break;
      default:
        rules.push({ resources: [{ prefix: `arn:aws:ec2:us-west-1:123456789012:instance/i-${i}-` }], 'detail-type': [`Type ${i % 2000}`] });
    }
  }
  return rules;
}

function time(label: string, count: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(count, 2000); i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - start);
  const opsPerSec = (count / ns) * 1e9;
  console.log(`${label.padEnd(48)} ${opsPerSec.toFixed(0).padStart(10)} ops/s  ${(ns / count / 1000).toFixed(2)} us/op`);
  return opsPerSec;
}

function heap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

const events = Array.from({ length: 500 }, (_, i) => envelopeEvent(i));
const lots = Array.from({ length: 200 }, () => cityLot());
console.log(`envelope event ~${events[0]?.length} chars, city lot ~${lots[0]?.length} chars`);

// 1. 10,000 exact/prefix rules vs JSON.parse.
const rules10k = exactPrefixRules(10_000);
const m10k = new Matcher();
let t0 = performance.now();
rules10k.forEach((r, i) => m10k.addRule(`r${i}`, r));
console.log(`add 10k rules: ${(performance.now() - t0).toFixed(0)} ms`);
let sink = 0;
const parse = time('JSON.parse envelope', 100_000, (i) => {
  sink += (JSON.parse(events[i % events.length] as string) as object) === null ? 1 : 0;
});
const match10k = time('match envelope, 10k rules', 100_000, (i) => {
  sink += m10k.match(events[i % events.length] as string).length;
});
console.log(`  ratio vs JSON.parse: ${(match10k / parse).toFixed(2)}x (target >= 1)`);
const matchObj = time('match envelope object, 10k rules', 50_000, (i) => {
  sink += m10k.match(JSON.parse(events[i % events.length] as string) as object).length;
});
void matchObj;

// 2. CityLots.
const mLots = new Matcher();
for (let i = 0; i < 10_000; i++) mLots.addRule(`lot${i}`, { properties: { MAPBLKLOT: [`${i}`], STREET: [{ prefix: 'MA' }] } });
const parseLots = time('JSON.parse city lot', 30_000, (i) => {
  sink += (JSON.parse(lots[i % lots.length] as string) as object) === null ? 1 : 0;
});
const matchLots = time('match city lot, 10k rules', 30_000, (i) => {
  sink += mLots.match(lots[i % lots.length] as string).length;
});
console.log(`  ratio vs JSON.parse: ${(matchLots / parseLots).toFixed(2)}x (target >= 2)`);

// 3. Scaling 100 -> 100,000 rules.
const m100 = new Matcher();
exactPrefixRules(100).forEach((r, i) => m100.addRule(`r${i}`, r));
const at100 = time('match envelope, 100 rules', 100_000, (i) => {
  sink += m100.match(events[i % events.length] as string).length;
});
const rules100k = exactPrefixRules(100_000);
const m100k = new Matcher();
t0 = performance.now();
rules100k.forEach((r, i) => m100k.addRule(`r${i}`, r));
const addMs = performance.now() - t0;
const at100k = time('match envelope, 100k rules', 100_000, (i) => {
  sink += m100k.match(events[i % events.length] as string).length;
});
console.log(`add 100k rules: ${addMs.toFixed(0)} ms (target < 5000)`);
console.log(`  100k vs 100 rules: ${(at100k / at100).toFixed(2)}x (target >= 0.7)`);
for (let i = 0; i < 100_000; i++) m100k.deleteRule(`r${i}`);
// Heap: patterns parsed beforehand, so only what the matcher keeps is counted.
const parsed100k = rules100k.map((r) => parsePattern(r));
const fresh = new Matcher();
fresh.match(events[0] as string);
const h0 = heap();
parsed100k.forEach((p, i) => fresh.addRule(`r${i}`, p));
const h1 = heap();
for (let i = 0; i < 100_000; i++) fresh.deleteRule(`r${i}`);
fresh.match(events[0] as string);
const h2 = heap();
console.log(`heap ${((h1 - h0) / 1e5).toFixed(0)} B/rule (target < 1024); after deleting all: ${((h2 - h0) / 1024).toFixed(0)} KB above start (size ${fresh.size})`);
sink += parsed100k.length + rules100k.length; // keeps the inputs alive across all three heap readings

// 4. Per-rule loop at 10,000 rules.
const parsed10k = rules10k.map((r) => parsePattern(r));
const loop = time('per-rule reference loop, 10k rules', 20, (i) => {
  const e = flattenEvent(events[i % events.length] as string);
  for (const p of parsed10k) if (matchesPattern(p, e)) sink++;
});
console.log(`  matcher vs per-rule loop: ${(match10k / loop).toFixed(0)}x (target >= 1000)`);
console.log(`(sink ${sink})`);

// 5. Operator families at 100 vs 100,000 rules (one family per matcher), like bench/scenarios.ts.
const families: Record<string, (i: number) => object> = {
  suffix: (i) => ({ detail: { key: [{ suffix: `-${i}.jpg` }] } }),
  'equals-ignore-case': (i) => ({ detail: { email: [{ 'equals-ignore-case': `USER${i}@example.com` }] } }),
  numeric: (i) => ({ detail: { total: [{ numeric: ['>=', 10 * i, '<', 10 * i + 5] }] } }),
  'anything-but': (i) => ({ 'detail-type': [{ 'anything-but': [`Type ${i % 5}`] }], detail: { id: [`c${i}`] } }),
  exists: (i) => (i % 10 === 9 ? { detail: { attributes: { [`a${i}`]: [{ exists: true }] }, coupon: [{ exists: false }] } } : { detail: { attributes: { [`a${i}`]: [{ exists: true }] } } }),
  cidr: (i) => ({ detail: { ip: [{ cidr: `10.${(i >> 8) & 255}.${i & 255}.0/24` }] } }),
  wildcard: (i) => ({ detail: { key: [{ wildcard: `uploads/u${i}/*/img-${i}.jpg` }] } }),
};
const familyEvents = Array.from({ length: 300 }, (_, i) => {
  const k = int(100_000);
  return JSON.stringify({
    'detail-type': `Type ${int(5)}`,
    source: 'x',
    detail: {
      key: `uploads/u${k}/2026/ab/img-${k}.jpg`,
      email: `user${k}@EXAMPLE.com`,
      total: k * 10 + int(1000) / 100,
      id: `c${k}`,
      attributes: { [`a${int(100_000)}`]: 'x', [`a${int(100)}`]: 'y', [`a${i}`]: 'z' },
      ip: `10.${(k >> 8) & 255}.${k & 255}.${int(256)}`,
      ...(i % 3 === 0 ? { coupon: 'C' } : {}),
    },
  });
});
for (const [family, make] of Object.entries(families)) {
  const small = new Matcher();
  for (let i = 0; i < 100; i++) small.addRule(`r${i}`, make(i));
  const big = new Matcher();
  const t = performance.now();
  for (let i = 0; i < 100_000; i++) big.addRule(`r${i}`, make(i));
  const add = performance.now() - t;
  const a = time(`${family} 100 rules`, 20_000, (i) => {
    sink += small.match(familyEvents[i % familyEvents.length] as string).length;
  });
  const b = time(`${family} 100k rules (added in ${add.toFixed(0)} ms)`, 20_000, (i) => {
    sink += big.match(familyEvents[i % familyEvents.length] as string).length;
  });
  console.log(`  ${family}: 100k vs 100 rules ${(b / a).toFixed(2)}x`);
}
console.log(`(sink ${sink})`);
