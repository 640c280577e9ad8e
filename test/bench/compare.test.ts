/** The paired comparison of two builds (bench/compare.ts): its command line, its workloads and its checks. */

import { describe, expect, test } from 'vitest';
import { BUS_BATCH, compareBuilds, formatComparison, parseCompareArgs, resolveTarget } from '../../bench/compare.js';
import type { BusClass, ComparedEntry, CompareOptions, MatcherClass } from '../../bench/compare.js';
import { EventBridge } from '../../src/bus/index.js';
import { CITYLOTS_RULE_SETS } from '../../bench/citylots.js';
import { Matcher } from '../../src/index.js';
import { scanEventText } from '../../src/event/scanner.js';
import type { ScanEventText } from '../../bench/compare.js';

const defaults = parseCompareArgs(['a', 'b']).options;

describe('parseCompareArgs', () => {
  test('should default to COMBO and mixed envelopes, strict, 10,000 rules and 21 rounds', () => {
    expect(parseCompareArgs(['dist', 'other'])).toEqual({
      buildA: 'dist',
      buildB: 'other',
      options: { targets: ['COMBO', 'mixed-envelope'], trusted: false, split: false, rules: 10_000, events: undefined, rounds: 21 },
    });
  });

  test('should read targets and options', () => {
    const { options } = parseCompareArgs(['x', 'y', 'EXACT', '--trusted', '--split', '--rules=100', '--events=64', '--rounds=5', 'exists-envelope']);
    expect(options).toEqual({ targets: ['EXACT', 'exists-envelope'], trusted: true, split: true, rules: 100, events: 64, rounds: 5 });
  });

  test('should refuse a missing build, an unknown option and a count that is not a positive integer', () => {
    expect(() => parseCompareArgs(['only-one'])).toThrow(/usage/);
    expect(() => parseCompareArgs(['a', 'b', '--fast'])).toThrow('unknown option --fast');
    expect(() => parseCompareArgs(['a', 'b', '--rules=0'])).toThrow(/positive integers/);
    expect(() => parseCompareArgs(['a', 'b', '--events=1.5'])).toThrow(/positive integers/);
    expect(() => parseCompareArgs(['a', 'b', '--rounds=many'])).toThrow(/positive integers/);
  });
});

describe('resolveTarget', () => {
  test('should take a CityLots rule set with its own rules over CityLots lines', () => {
    const target = resolveTarget('COMBO', { ...defaults, events: 10 });
    expect(target.patterns).toEqual(CITYLOTS_RULE_SETS.find((s) => s.name === 'COMBO')?.patterns);
    expect(target.texts).toHaveLength(10);
    expect(JSON.parse(target.texts[0] as string)).toHaveProperty('geometry');
  });

  test('should take the first rules of a scenario over its events, the same for every call', () => {
    const options: CompareOptions = { ...defaults, rules: 30, events: 8 };
    const target = resolveTarget('mixed-envelope', options);
    expect(target.patterns).toHaveLength(30);
    expect(target.texts).toHaveLength(8);
    expect(JSON.parse(target.texts[0] as string)).toHaveProperty('detail-type');
    expect(resolveTarget('mixed-envelope', options)).toEqual(target);
  });

  test('should name the known targets for an unknown one', () => {
    expect(() => resolveTarget('COMBOS', defaults)).toThrow(/unknown target COMBOS; one of: EXACT, .*mixed-envelope.*bus:mixed-envelope/);
  });

  test('should give a bus target the scenario\'s rules and events, the events also as PutEvents calls', () => {
    const options: CompareOptions = { ...defaults, rules: 30, events: 20 };
    const target = resolveTarget('bus:mixed-envelope', options);
    const inner = resolveTarget('mixed-envelope', options);
    expect(target.patterns).toEqual(inner.patterns);
    expect(target.texts).toEqual(inner.texts);
    const batches = target.batches ?? [];
    expect(batches.map((b) => b.entries.length)).toEqual([8, 8, 4]);
    expect(batches.flatMap((b) => b.texts)).toEqual(inner.texts);
    for (const batch of batches) {
      batch.entries.forEach((entry, i) => {
        const event = JSON.parse(batch.texts[i] as string);
        expect(entry).toEqual({ Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail), Resources: event.resources });
      });
    }
  });

  test('should refuse a bus target on a scenario that is not on envelopes', () => {
    expect(() => resolveTarget('bus:exact-citylots', defaults)).toThrow('bus:exact-citylots: a bus target takes an envelope scenario');
    expect(() => resolveTarget('bus:COMBO', defaults)).toThrow(/a bus target takes an envelope scenario/);
  });
});

describe('compareBuilds', () => {
  const small: CompareOptions = { ...defaults, events: 60, rules: 40, rounds: 3 };

  test('should time a build against itself and report the matches both give', () => {
    const target = resolveTarget('exists-envelope', small);
    const c = compareBuilds({ Matcher }, { Matcher }, target, small);
    const m = new Matcher();
    target.patterns.forEach((p, i) => m.addRule(`rule-${i}`, p));
    const matches = target.texts.reduce((sum, text) => sum + m.match(text).length, 0);
    expect(c.matchesPerEvent).toBe(matches / target.texts.length);
    expect(c.matchesPerEvent).toBeGreaterThan(0);
    for (const ratio of [c.speedup, c.lowQuartile, c.highQuartile, c.aToParse, c.bToParse]) expect(ratio).toBeGreaterThan(0);
    expect(c.lowQuartile).toBeLessThanOrEqual(c.speedup);
    expect(c.speedup).toBeLessThanOrEqual(c.highQuartile);
    expect(c.aScanToParse).toBeNull();
    expect(formatComparison(c)).toMatch(/^exists-envelope \(40 rules, 60 events, strict, [\d.]+ matches\/event\): B ÷ A [\d.]+ \(middle half of rounds [\d.]+–[\d.]+\); A ÷ JSON.parse [\d.]+, B ÷ JSON.parse [\d.]+$/);
  });

  test('should refuse builds that disagree on an event', () => {
    class Extra extends Matcher {
      override match(event: string | object): string[] {
        return [...super.match(event), 'rule-extra'];
      }
    }
    const target = resolveTarget('exists-envelope', small);
    expect(() => compareBuilds({ Matcher }, { Matcher: Extra as MatcherClass }, target, small)).toThrow(/the builds disagree on event 0 of exists-envelope: A .*, B .*rule-extra/);
  });

  test('should refuse trusted timing of a build whose match takes no options', () => {
    class Old extends Matcher {
      override match(event: string | object): string[] {
        return super.match(event);
      }
    }
    const target = resolveTarget('exists-envelope', small);
    expect(() => compareBuilds({ Matcher }, { Matcher: Old as MatcherClass }, target, { ...small, trusted: true })).toThrow(/--trusted: a build has no options parameter/);
  });

  test('should time PutEvents through each build\'s bus and report the matches both route', () => {
    const target = resolveTarget('bus:exists-envelope', small);
    const c = compareBuilds({ Matcher, EventBridge }, { Matcher, EventBridge }, target, small);
    // The rules read only source, detail type and detail, which the bus's envelope keeps.
    const m = new Matcher();
    target.patterns.forEach((p, i) => m.addRule(`rule-${i}`, p));
    const matches = target.texts.reduce((sum, text) => sum + m.match(text).length, 0);
    expect(c.matchesPerEvent).toBe(matches / target.texts.length);
    expect(c.matchesPerEvent).toBeGreaterThan(0);
    expect(c.batch).toBe(BUS_BATCH);
    for (const ratio of [c.speedup, c.aToParse, c.bToParse]) expect(ratio).toBeGreaterThan(0);
    expect(formatComparison(c)).toMatch(/^bus:exists-envelope \(40 rules, 60 events, PutEvents of 8, [\d.]+ matches\/event\): B ÷ A [\d.]+ \(middle half of rounds [\d.]+–[\d.]+\); A ÷ JSON.parse [\d.]+, B ÷ JSON.parse [\d.]+$/);
  });

  test('should refuse buses that route an event differently, a build without a bus, and options that do not apply', () => {
    class Extra extends EventBridge {
      override putEvents(input: Parameters<EventBridge['putEvents']>[0]): ReturnType<EventBridge['putEvents']> {
        const out = super.putEvents(input);
        out.Matches[1]?.Rules.push({ Name: 'rule-extra', Arn: 'arn:aws:events:us-east-1:123456789012:rule/rule-extra' });
        return out;
      }
    }
    const target = resolveTarget('bus:exists-envelope', small);
    expect(() => compareBuilds({ Matcher, EventBridge }, { Matcher, EventBridge: Extra as BusClass }, target, small)).toThrow(/the builds disagree on event 1 of bus:exists-envelope: A .*, B .*rule-extra/);
    expect(() => compareBuilds({ Matcher, EventBridge }, { Matcher }, target, small)).toThrow('bus:exists-envelope: a build has no EventBridge (bus/index.js)');
    expect(() => compareBuilds({ Matcher, EventBridge }, { Matcher, EventBridge }, target, { ...small, trusted: true })).toThrow(/--trusted and --split do not apply to a bus target/);
    expect(() => compareBuilds({ Matcher, EventBridge }, { Matcher, EventBridge }, target, { ...small, split: true })).toThrow(/--trusted and --split do not apply to a bus target/);
  });

  test('should refuse a bus that fails an entry', () => {
    class Failing extends EventBridge {
      override putEvents(input: { Entries: readonly ComparedEntry[] }): ReturnType<EventBridge['putEvents']> {
        return super.putEvents({ Entries: input.Entries.map((e, i) => (i === 2 ? { ...e, Detail: '[]' } : e)) });
      }
    }
    const target = resolveTarget('bus:exists-envelope', small);
    expect(() => compareBuilds({ Matcher, EventBridge }, { Matcher, EventBridge: Failing as unknown as BusClass }, target, small)).toThrow('a build failed an entry of call 0 of bus:exists-envelope');
  });

  test('should split each match into the scan and the rest when asked, and say when it cannot', () => {
    const target = resolveTarget('COMPLEX_ARRAYS', { ...small, events: 40 });
    const trustedFlags = new Set<boolean>();
    let scans = 0;
    const scan = ((text: string, table: never, fields: never, trusted: boolean) => {
      scans++;
      trustedFlags.add(trusted);
      scanEventText(text, table, fields, trusted);
    }) as ScanEventText;
    const build = { Matcher, scanEventText: scan };
    const c = compareBuilds(build, build, target, { ...small, split: true, trusted: true });
    // How fast is the bench's to say; here that both scans were timed, over every text, in the mode asked.
    expect(c.aScanToParse).toBeGreaterThan(0);
    expect(c.bScanToParse).toBeGreaterThan(0);
    expect(scans).toBeGreaterThanOrEqual(2 * small.rounds * target.texts.length);
    expect([...trustedFlags]).toEqual([true]);
    expect(formatComparison(c)).toMatch(/\n {2}parse units: A scan [\d.]+, rest -?[\d.]+; B scan [\d.]+, rest -?[\d.]+$/);
    expect(() => compareBuilds({ Matcher }, build, target, { ...small, split: true })).toThrow(/--split: a build has no scanner/);
  });
});
