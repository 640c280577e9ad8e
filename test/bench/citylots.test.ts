/**
 * The CityLots scenario's data and command line: the generator is seeded and shaped like
 * event-ruler's citylots2 lines; every CL2 rule set of Benchmarks.java is there with its rule count
 * and compiles; the options parse; the report has one row per set.
 */

import { describe, expect, test } from 'vitest';
import { CITYLOTS_RULE_SETS, makeCityLots2 } from '../../bench/citylots.js';
import { formatCityLots, parseCityLotsArgs } from '../../bench/citylots-bench.js';
import { parsePattern } from '../../src/pattern/parse.js';

describe('makeCityLots2', () => {
  const lines = makeCityLots2(2000, 42);

  test('is deterministic in its seed', () => {
    expect(makeCityLots2(50, 42)).toEqual(lines.slice(0, 50));
    expect(makeCityLots2(50, 43)).not.toEqual(lines.slice(0, 50));
  });

  test('writes citylots2-shaped features of about 950 bytes', () => {
    const mean = lines.reduce((n, l) => n + l.length, 0) / lines.length;
    expect(mean).toBeGreaterThan(850);
    expect(mean).toBeLessThan(1050);
    const events = lines.map((l) => JSON.parse(l));
    for (const e of events.slice(0, 100)) {
      expect(Object.keys(e)).toEqual(['type', 'properties', 'geometry']);
      expect(Object.keys(e.properties)).toEqual(['MAPBLKLOT', 'BLKLOT', 'BLOCK_NUM', 'LOT_NUM', 'FROM_ST', 'TO_ST', 'STREET', 'ST_TYPE', 'ODD_EVEN']);
      expect(Object.keys(e.geometry)).toEqual(['type', 'coordinates', 'firstCoordinates']);
      expect(Object.keys(e.geometry.firstCoordinates)).toEqual(['x', 'y', 'z']);
    }
    const multi = events.filter((e) => e.geometry.type === 'MultiPolygon').length / events.length;
    expect(multi).toBeGreaterThan(0.05);
    expect(multi).toBeLessThan(0.15);
    expect(events.some((e) => e.properties.STREET === null && e.properties.FROM_ST === null)).toBe(true);
    expect(events.some((e) => e.properties.ST_TYPE === null && e.properties.STREET !== null)).toBe(true);
    // Points are objects inside rings; a MultiPolygon nests one level more.
    const polygon = events.find((e) => e.geometry.type === 'Polygon');
    expect(Object.keys(polygon.geometry.coordinates[0][0])).toEqual(['x', 'y', 'z']);
    // The data set spells the altitude 0.0.
    expect(lines[0]).toContain('"z":0.0}');
  });
});

describe('CITYLOTS_RULE_SETS', () => {
  test('holds every CL2 rule set of Benchmarks.java, with its number of rules, all valid', () => {
    const counts = Object.fromEntries(CITYLOTS_RULE_SETS.map((s) => [s.name, s.patterns.length]));
    expect(counts).toEqual({
      EXACT: 5, WILDCARD: 5, PREFIX: 5, PREFIX_EQUALS_IGNORE_CASE: 5, SUFFIX: 5, SUFFIX_EQUALS_IGNORE_CASE: 5,
      EQUALS_IGNORE_CASE: 5, NUMERIC: 5, ANYTHING_BUT: 5, ANYTHING_BUT_IGNORE_CASE: 5, ANYTHING_BUT_PREFIX: 5,
      ANYTHING_BUT_SUFFIX: 5, ANYTHING_BUT_WILDCARD: 5, COMPLEX_ARRAYS: 5, PARTIAL_COMBO: 40, COMBO: 45,
    });
    for (const set of CITYLOTS_RULE_SETS) for (const p of set.patterns) expect(() => parsePattern(p)).not.toThrow();
  });

  test('uses the rule values of Benchmarks.java', () => {
    const all = CITYLOTS_RULE_SETS.find((s) => s.name === 'COMBO')?.patterns.join('\n') ?? '';
    for (const value of ['"1430022"', '"VACSTWIL"', '-122.42916360922355', '37.729900216217324', '-122.41600944012424', '-122.4063085128395', '"FULTON"', '"441"']) {
      expect(all).toContain(value);
    }
  });
});

describe('citylots-bench', () => {
  test('parses its options, with a quick mode', () => {
    expect(parseCityLotsArgs([])).toEqual({ events: 200_000, rounds: 3, seed: 0x5eed_2026, sets: [] });
    expect(parseCityLotsArgs(['--quick', 'EXACT'])).toMatchObject({ events: 10_000, rounds: 3, sets: ['EXACT'] });
    expect(parseCityLotsArgs(['--events=500', '--rounds=2'])).toMatchObject({ events: 500, rounds: 2 });
    expect(() => parseCityLotsArgs(['--events=0'])).toThrow();
    expect(() => parseCityLotsArgs(['--nope'])).toThrow();
  });

  test('formats one row per rule set, with ratios to JSON.parse and the charCodeAt loop', () => {
    const text = formatCityLots({
      events: 10, meanBytes: 900, rounds: 1, parseEventsPerSecond: 100, charLoopEventsPerSecond: 250,
      sets: [{ name: 'EXACT', rules: 5, matchesPerEvent: 0.5, strictVsParse: 3, strictVsCharLoop: 1.2, trustedVsParse: null, trustedVsCharLoop: null, strictEventsPerSecond: 300 }],
    });
    expect(text).toContain('charCodeAt loop = 2.50x JSON.parse');
    expect(text).toMatch(/EXACT\s+5\s+0\.50\s+3\.00x\s+n\/a\s+1\.20x\s+n\/a\s+n\/a$/m);
  });

  test('formats trusted over strict, paired by round, where the run has it', () => {
    const text = formatCityLots({
      events: 10, meanBytes: 900, rounds: 1, parseEventsPerSecond: 100, charLoopEventsPerSecond: 250,
      sets: [{ name: 'EXACT', rules: 5, matchesPerEvent: 0.5, strictVsParse: 3, strictVsCharLoop: 1.2, trustedVsParse: 5, trustedVsCharLoop: 2, trustedVsStrict: 1.7, strictEventsPerSecond: 300 }],
    });
    expect(text.split('\n')[1]).toMatch(/trusted\/charLoop\s+trusted\/strict$/);
    expect(text).toMatch(/EXACT\s+5\s+0\.50\s+3\.00x\s+5\.00x\s+1\.20x\s+2\.00x\s+1\.70x$/m);
  });
});
