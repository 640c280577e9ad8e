// Quick local profiling helper for the compiled Matcher (not part of npm test or npm run bench).
// Usage: node --expose-gc bench/quick-perf.mjs <scenario> <ruleCount> [seconds] [object]
// Needs `npm run build` and `npx tsc -p bench/tsconfig.json` first.
import { Matcher } from '../dist/index.js';
import { SCENARIOS, SHAPES } from './dist/scenarios.js';
import { createRandom } from './dist/data.js';

const [name = 'mixed-envelope', countText = '100000', secondsText = '2', mode = 'text'] = process.argv.slice(2);
const scenario = SCENARIOS.find((s) => s.name === name);
const count = Number(countText);
const random = createRandom(0x5eed_2026);
const events = Array.from({ length: 128 }, () => SHAPES[scenario.shape](random));
const inputs = mode === 'object' ? events.map((e) => e.value) : events.map((e) => e.text);
const rules = Array.from({ length: count }, (_, i) => scenario.rule(i));
gc(); gc();
const heap0 = process.memoryUsage().heapUsed;
const m = new Matcher();
let t = performance.now();
for (const r of rules) m.addRule(r.name, r.pattern);
const addS = (performance.now() - t) / 1000;
gc(); gc();
const heap1 = process.memoryUsage().heapUsed;
let matches = 0;
for (const e of inputs) matches += m.match(e).length;
let cpuRate = 0;
const run = (seconds) => {
  let n = 0;
  let sink = 0;
  const end = performance.now() + seconds * 1000;
  t = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() < end) {
    for (let i = 0; i < 128; i++) sink += m.match(inputs[i]).length;
    n += 128;
  }
  const cpu = process.cpuUsage(cpu0);
  cpuRate = n / ((cpu.user + cpu.system) / 1e6);
  return n / ((performance.now() - t) / 1000);
};
run(0.5);
let rate;
if (process.env.PROF) {
  const { Session } = await import('node:inspector/promises');
  const fs = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  rate = run(Number(secondsText));
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(process.env.PROF, JSON.stringify(profile));
} else rate = run(Number(secondsText));
let p = 0, sink = 0;
t = performance.now();
const endp = t + 1000;
let np = 0;
while (performance.now() < endp) { for (let i = 0; i < 128; i++) sink += JSON.parse(events[i].text) === null ? 1 : 0; np += 128; }
const prate = np / ((performance.now() - t) / 1000);
console.log(`${name} ${count} rules: add ${addS.toFixed(2)} s, heap ${Math.round((heap1 - heap0) / count)} B/rule, matches/event ${(matches / 128).toFixed(2)}, ${Math.round(rate)} ev/s (${mode}), JSON.parse ${Math.round(prate)} ev/s, ratio ${(rate / prate).toFixed(2)}, cpu-time rate ${Math.round(cpuRate)} ev/s`);
