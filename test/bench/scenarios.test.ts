/**
 * Tests of the benchmark's data and scenarios: deterministic generators, event sizes and spellings,
 * and scenario oracles that agree with testEventPattern.
 */

import { describe, expect, test } from 'vitest';
import { createRandom, flatText, makeCityLot, makeEnvelope } from '../../bench/data.js';
import { SCENARIOS, SHAPES, globMatches } from '../../bench/scenarios.js';
import { testEventPattern } from '../../src/test-event-pattern.js';

describe('bench data generators', () => {
  test('should build the same texts from the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    for (let i = 0; i < 5; i++) {
      expect(makeEnvelope(a).text).toBe(makeEnvelope(b).text);
      expect(makeCityLot(a).text).toBe(makeCityLot(b).text);
    }
  });

  test('should build events of about 1 KB whose text parses back to their value', () => {
    const random = createRandom(7);
    for (const make of [makeEnvelope, makeCityLot]) {
      for (let i = 0; i < 20; i++) {
        const event = make(random);
        expect(event.text.length).toBeGreaterThan(800);
        expect(event.text.length).toBeLessThan(1400);
        expect(JSON.parse(event.text)).toEqual(event.value);
      }
    }
  });

  test('should spell CityLots altitudes as 0.0', () => {
    expect(makeCityLot(createRandom(1)).text).toMatch(/,0\.0\]/);
  });

  test('should hand texts over unchanged by flatText, whatever their characters', () => {
    for (const text of ['{"a":"x"}', `{"k":"${'é€'.repeat(40)}\ud83d\ude00"}`, `{"a":1,${'"b":2,'.repeat(50)}"c":3}`]) expect(flatText(text)).toBe(text);
  });
});

describe('globMatches', () => {
  test.each([
    ['uploads/u5/*/img-5.jpg', 'uploads/u5/2026/ab/img-5.jpg', true],
    ['uploads/u5/*/img-5.jpg', 'uploads/u5/img-5.jpg', false],
    ['uploads/u5/*/img-5.jpg', 'uploads/u55/2026/img-5.jpg', false],
    ['*', '', true],
    ['a*x*', 'ax', true],
    ['*a*b', 'xxaxxbxb', true],
    ['*a*b', 'xxaxxbx', false],
  ])('should match %s against %s as %s', (glob, text, expected) => {
    expect(globMatches(glob, text)).toBe(expected);
  });
});

// The bench trusts each rule's hand-written oracle to compute expected match counts; hold every
// scenario's oracle to testEventPattern on matching and non-matching pairs.
describe('scenario oracles', () => {
  test.each(SCENARIOS.map((s) => [s.name, s] as const))('should agree with testEventPattern for %s', (_name, scenario) => {
    const random = createRandom(0xbe7c4);
    const make = SHAPES[scenario.shape];
    const rules = Array.from({ length: 3000 }, (_, i) => scenario.rule(i));
    let positives = 0;
    let checked = 0;
    for (let e = 0; e < 30; e++) {
      const event = make(random);
      const matching = rules.filter((rule) => rule.matches(event.value));
      positives += matching.length;
      const others = Array.from({ length: 10 }, () => rules[Math.floor(random() * rules.length)]!);
      for (const rule of [...matching, ...others]) {
        expect(testEventPattern(rule.pattern, event.text), `${rule.pattern} on ${event.text}`).toBe(rule.matches(event.value));
        checked++;
      }
    }
    expect(positives).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(300);
  });

  test('should name rules rule-<i> with distinct patterns', () => {
    for (const scenario of SCENARIOS) {
      const patterns = new Set(Array.from({ length: 200 }, (_, i) => scenario.rule(i).pattern));
      expect(patterns.size).toBe(200);
      expect(scenario.rule(17).name).toBe('rule-17');
    }
  });
});
