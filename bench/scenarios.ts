// Benchmark scenarios: one per operator family, plus "mixed", on two event shapes. Rule i of a
// scenario is a pure function of i, so the 100-rule set is a prefix of the 100,000-rule set and every
// rule count runs against the same events. Each rule carries a hand-written oracle (`matches`) that
// decides from the parsed event, without the library, whether the rule matches; the worker checks the
// oracle against testEventPattern on a sample and the Matcher against the oracle on every event.

import { CIDR_BASE, DETAIL_TYPES, SOURCES, formatIpv4, lotCode, makeCityLot, makeEnvelope } from './data.js';
import type { GeneratedEvent, Random } from './data.js';

/** One generated rule. */
export interface BenchRule {
  /** The rule name passed to addRule: `rule-<i>`. */
  readonly name: string;
  /** The event pattern as JSON text. */
  readonly pattern: string;
  /** Oracle: does the pattern match this parsed event? Written by hand, independent of the library. */
  readonly matches: (event: any) => boolean;
}

/** The event shapes. */
export type Shape = 'envelope' | 'citylots';

/** One benchmark scenario. */
export interface Scenario {
  /** Unique name; argv substrings select scenarios by it. */
  readonly name: string;
  /** Which event generator the scenario uses. */
  readonly shape: Shape;
  /** Operator family, or "mixed". */
  readonly family: string;
  /** One line for the report. */
  readonly description: string;
  /** Whether its rules count as "simple" for the heap-per-rule target. */
  readonly simple: boolean;
  /** Builds rule i (deterministic in i). */
  readonly rule: (i: number) => BenchRule;
}

/** Event generators by shape. */
export const SHAPES: Readonly<Record<Shape, (random: Random) => GeneratedEvent>> = { envelope: makeEnvelope, citylots: makeCityLot };

function benchRule(i: number, pattern: unknown, matches: (event: any) => boolean): BenchRule {
  return { name: `rule-${i}`, pattern: JSON.stringify(pattern), matches };
}

// Parsing an address once per event keeps the cidr oracle cheap across 100,000 rules.
const ipCache = new WeakMap<object, number>();
function eventIp(event: any): number {
  let ip = ipCache.get(event);
  if (ip === undefined) {
    const parts = String(event.detail.sourceIPAddress).split('.').map(Number);
    ip = (((parts[0] ?? 0) << 24) >>> 0) + ((parts[1] ?? 0) << 16) + ((parts[2] ?? 0) << 8) + (parts[3] ?? 0);
    ipCache.set(event, ip);
  }
  return ip;
}

/**
 * Matches a glob with `*` (zero or more characters, no escapes) against a whole string, iteratively
 * with single-star backtracking, so it is linear for the one-or-two-star globs the bench generates.
 *
 * @param glob - The wildcard pattern.
 * @param text - The candidate string.
 * @returns Whether the whole string matches.
 */
export function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (g < glob.length && glob[g] === text[t]) {
      g++;
      t++;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** Mixes the case of ASCII letters deterministically: upper case on even positions. */
function mixCase(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += i % 2 === 0 ? text.charAt(i).toUpperCase() : text.charAt(i);
  return out;
}

/** Rule builders for the envelope shape, one per operator family. */
const ENVELOPE_FAMILIES: Readonly<Record<string, (i: number) => BenchRule>> = {
  exact(i) {
    const source = SOURCES[i % SOURCES.length] as string;
    const id = `cust-${i}`;
    return benchRule(i, { source: [source], detail: { customer: { id: [id] } } },
      (e) => e.source === source && e.detail.customer.id === id);
  },
  prefix(i) {
    const prefix = `uploads/u${i}/`;
    return benchRule(i, { detail: { requestParameters: { key: [{ prefix }] } } },
      (e) => e.detail.requestParameters.key.startsWith(prefix));
  },
  suffix(i) {
    const suffix = `-${i}.jpg`;
    return benchRule(i, { detail: { requestParameters: { key: [{ suffix }] } } },
      (e) => e.detail.requestParameters.key.endsWith(suffix));
  },
  'equals-ignore-case'(i) {
    const wanted = mixCase(`user${i}@example.com`);
    const lower = wanted.toLowerCase();
    return benchRule(i, { detail: { customer: { email: [{ 'equals-ignore-case': wanted }] } } },
      (e) => e.detail.customer.email.toLowerCase() === lower);
  },
  numeric(i) {
    const low = 10 * i;
    const high = 10 * i + 5;
    return benchRule(i, { detail: { total: [{ numeric: ['>=', low, '<', high] }] } },
      (e) => e.detail.total >= low && e.detail.total < high);
  },
  'anything-but'(i) {
    // Anything-but alone matches almost every event; anchoring it on a customer keeps match lists short
    // while the anything-but field ("detail-type" sorts before "detail.") still holds every rule.
    const excluded = DETAIL_TYPES[i % DETAIL_TYPES.length] as string;
    const id = `cust-${i}`;
    return benchRule(i, { 'detail-type': [{ 'anything-but': [excluded] }], detail: { customer: { id: [id] } } },
      (e) => e['detail-type'] !== excluded && e.detail.customer.id === id);
  },
  exists(i) {
    const key = `a${i}`;
    if (i % 10 === 9) {
      return benchRule(i, { detail: { attributes: { [key]: [{ exists: true }] }, coupon: [{ exists: false }] } },
        (e) => Object.hasOwn(e.detail.attributes, key) && !Object.hasOwn(e.detail, 'coupon'));
    }
    return benchRule(i, { detail: { attributes: { [key]: [{ exists: true }] } } },
      (e) => Object.hasOwn(e.detail.attributes, key));
  },
  cidr(i) {
    const block = (CIDR_BASE + i * 256) >>> 8;
    return benchRule(i, { detail: { sourceIPAddress: [{ cidr: `${formatIpv4(block * 256)}/24` }] } },
      (e) => eventIp(e) >>> 8 === block);
  },
  wildcard(i) {
    const glob = `uploads/u${i}/*/img-${i}.jpg`;
    return benchRule(i, { detail: { requestParameters: { key: [{ wildcard: glob }] } } },
      (e) => globMatches(glob, e.detail.requestParameters.key));
  },
};

const FAMILY_NAMES = Object.keys(ENVELOPE_FAMILIES);

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  ...FAMILY_NAMES.map((family) => ({
    name: `${family}-envelope`,
    shape: 'envelope' as const,
    family,
    description: `${family} rules on EventBridge envelopes`,
    simple: family === 'exact' || family === 'prefix',
    rule: ENVELOPE_FAMILIES[family] as (i: number) => BenchRule,
  })),
  {
    name: 'mixed-envelope',
    shape: 'envelope',
    family: 'mixed',
    description: 'rule i uses operator family i mod 9, on EventBridge envelopes',
    simple: false,
    rule: (i) => (ENVELOPE_FAMILIES[FAMILY_NAMES[i % FAMILY_NAMES.length] ?? 'exact'] as (i: number) => BenchRule)(i),
  },
  {
    name: 'exact-citylots',
    shape: 'citylots',
    family: 'exact',
    description: 'exact MAPBLKLOT + geometry.type on CityLots-shaped features',
    simple: true,
    rule(i: number) {
      const code = lotCode(i);
      return benchRule(i, { properties: { MAPBLKLOT: [code] }, geometry: { type: ['Polygon'] } },
        (e) => e.properties.MAPBLKLOT === code && e.geometry.type === 'Polygon');
    },
  },
  {
    name: 'prefix-citylots',
    shape: 'citylots',
    family: 'prefix',
    description: '6-digit MAPBLKLOT prefixes on CityLots-shaped features',
    simple: true,
    rule(i: number) {
      const prefix = String(i).padStart(6, '0');
      return benchRule(i, { properties: { MAPBLKLOT: [{ prefix }] } },
        (e) => e.properties.MAPBLKLOT.startsWith(prefix));
    },
  },
];
