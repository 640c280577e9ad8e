// The CityLots scenario's data: a seeded generator of features shaped like event-ruler's citylots2
// benchmark file (GeoJSON lots of San Francisco, one JSON object per line, ~950 B each), and every CL2
// rule set of event-ruler's Benchmarks.java with its rule values. The rule values are facts taken from
// that file (github.com/aws/event-ruler, src/test/software/amazon/event/ruler/Benchmarks.java); the
// generator is ours, so match counts differ from the real data set's and are not compared with it.
//
// Shape of one line (citylots2 keeps every point as an object, rings as arrays of points):
//   {"type":"Feature","properties":{"MAPBLKLOT":"0001001","BLKLOT":"0001001","BLOCK_NUM":"0001",
//    "LOT_NUM":"001","FROM_ST":"0","TO_ST":"0","STREET":"UNKNOWN","ST_TYPE":null,"ODD_EVEN":"E"},
//    "geometry":{"type":"Polygon","coordinates":[[{"x":-122.42,"y":37.80,"z":0.0},...]],
//    "firstCoordinates":{"x":-122.42,"y":37.80,"z":0.0}}}

import { createRandom, flatText, pick, randomInt } from './data.js';
import type { Random } from './data.js';

/** Points of every coordinate constant in the CL2 rules, so the `=` rules match some events. */
const RULE_X = [-122.42916360922355, -122.41600944012424, -122.46471267081272, -122.4063085128395];
const RULE_Y = [37.729900216217324];

/** Street names: the rule values (FULTON, MASON, JEFFERSON, BEACH, HYDE, CHESTNUT) and others whose prefixes and suffixes the rules ask about. */
const STREETS = [
  'UNKNOWN', 'MARKET', 'MISSION', 'VALENCIA', 'GEARY', 'FOLSOM', 'HOWARD', 'BRYANT', 'JACKSON', 'CLAY',
  'FULTON', 'MASON', 'JEFFERSON', 'BEACH', 'HYDE', 'CHESTNUT', 'ACADIA', 'BLAKE', 'DRUMM', 'RHODE ISLAND',
  'BUCKINGHAM', 'LAKE', 'SAN DIEGO', 'SPRING', 'WASHINGTON', 'POLK', 'DOLORES', '17TH', 'FOERSTER',
];
const ST_TYPES = ['ST', 'ST', 'ST', 'AVE', 'BLVD', 'WAY', 'TER', 'PL', 'CT', 'LN'];

/**
 * Formats a coordinate the way the data set spells doubles: the shortest round-trip decimal, with
 * ".0" on integral values (Java's `Double.toString` style).
 */
function coordinate(x: number): string {
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

function point(x: number, y: number): string {
  return `{"x":${coordinate(x)},"y":${coordinate(y)},"z":0.0}`;
}

/**
 * Builds one CityLots-shaped feature as its JSON line.
 *
 * Roughly: 7-digit MAPBLKLOT codes (a few with letters, as the real data has), 10% MultiPolygons,
 * 5% of lots without street data (`null` FROM_ST, TO_ST, STREET, ST_TYPE, ODD_EVEN, as in the real
 * data), `null` ST_TYPE on another 10%, 9 to 12 points per ring, and now and then a point from the
 * rules' `=` constants.
 *
 * @param random - A generator from createRandom.
 * @returns The JSON text of one feature (no newline).
 */
export function makeCityLot2(random: Random): string {
  const block = randomInt(random, 7600);
  const lot = randomInt(random, 300);
  const letter = random() < 0.05 ? pick(random, ['A', 'B', 'C']) : '';
  const blockNum = `${String(block).padStart(4, '0')}${letter}`;
  const lotNum = String(lot).padStart(3, '0');
  const code = random() < 0.0005 ? 'VACSTWIL' : `${blockNum}${lotNum}`;
  const unknown = random() < 0.05;
  const from = randomInt(random, 3000);
  const properties =
    `{"MAPBLKLOT":"${code}","BLKLOT":"${code}","BLOCK_NUM":"${blockNum}","LOT_NUM":"${lotNum}",` +
    (unknown
      ? '"FROM_ST":null,"TO_ST":null,"STREET":null,"ST_TYPE":null,"ODD_EVEN":null}'
      : `"FROM_ST":"${from}","TO_ST":"${from + 2 * randomInt(random, 20)}","STREET":"${pick(random, STREETS)}",` +
        `"ST_TYPE":${random() < 0.1 ? 'null' : `"${pick(random, ST_TYPES)}"`},"ODD_EVEN":"${from % 2 === 0 ? 'E' : 'O'}"}`);
  const multi = random() < 0.1;
  const x0 = -122.515 + random() * 0.15;
  const y0 = 37.705 + random() * 0.105;
  const rings = multi ? 2 : 1;
  const parts: string[] = [];
  let first = '';
  for (let r = 0; r < rings; r++) {
    const corners = (multi ? 4 : 8) + randomInt(random, 4);
    const points: string[] = [];
    for (let i = 0; i < corners; i++) {
      const angle = (2 * Math.PI * i) / corners;
      let x = x0 + r * 0.001 + Math.cos(angle) * 0.0003 + random() * 1e-6;
      let y = y0 + Math.sin(angle) * 0.0003 + random() * 1e-6;
      if (random() < 0.002) x = pick(random, RULE_X);
      if (random() < 0.002) y = pick(random, RULE_Y);
      points.push(point(x, y));
    }
    points.push(points[0] as string);
    if (r === 0) first = points[0] as string;
    parts.push(`[${points.join(',')}]`);
  }
  const coordinates = multi ? `[${parts.map((p) => `[${p}]`).join(',')}]` : `[${parts.join(',')}]`;
  return (
    `{"type":"Feature","properties":${properties},"geometry":{"type":"${multi ? 'MultiPolygon' : 'Polygon'}",` +
    `"coordinates":${coordinates},"firstCoordinates":${first}}}`
  );
}

/**
 * Generates `count` CityLots lines from a seed (the same seed and count give the same lines).
 *
 * @param count - Number of events.
 * @param seed - A 32-bit seed.
 * @returns The JSON lines.
 */
export function makeCityLots2(count: number, seed: number): string[] {
  const random = createRandom(seed);
  const out: string[] = new Array<string>(count);
  // Each line is one flat string, as a reader of an NDJSON file (the CLI's `match`) gets it: the
  // generator's concatenations build a rope (see flatText).
  for (let i = 0; i < count; i++) out[i] = flatText(makeCityLot2(random));
  return out;
}

/** `{"properties":{<field>:[<matcher>]}}` as JSON text. */
function props(field: string, matcher: unknown): string {
  return JSON.stringify({ properties: { [field]: [matcher] } });
}

/** `{"geometry":{"type":[<matcher>]}}` as JSON text. */
function geometryType(matcher: unknown): string {
  return JSON.stringify({ geometry: { type: [matcher] } });
}

/** A numeric rule on `geometry.<under>.<axis>`, optionally with a geometry type. */
function coordinateRule(under: string, axis: string, numeric: unknown[], type?: string): string {
  const geometry: Record<string, unknown> = {};
  if (type !== undefined) geometry['type'] = [type];
  geometry[under] = { [axis]: [{ numeric }] };
  return JSON.stringify({ geometry });
}

const EXACT = ['1430022', '2607117', '2607218', '3745012', 'VACSTWIL'].map((v) => props('MAPBLKLOT', v));
const WILDCARD = ['143*', '2*0*1*7', '*218', '3*5*2', 'VA*IL'].map((v) => props('MAPBLKLOT', { wildcard: v }));
const PREFIX = ['AC', 'BL', 'DR', 'FU', 'RH'].map((v) => props('STREET', { prefix: v }));
const PREFIX_EQUALS_IGNORE_CASE = ['Ac', 'bL', 'dR', 'Fu', 'rH'].map((v) => props('STREET', { prefix: { 'equals-ignore-case': v } }));
const SUFFIX = ['ON', 'KE', 'MM', 'ING', 'GO'].map((v) => props('STREET', { suffix: v }));
const SUFFIX_EQUALS_IGNORE_CASE = ['oN', 'Ke', 'mM', 'InG', 'gO'].map((v) => props('STREET', { suffix: { 'equals-ignore-case': v } }));
const EQUALS_IGNORE_CASE = [
  ...['jefferson', 'bEaCh', 'HyDe', 'CHESTNUT'].map((v) => props('STREET', { 'equals-ignore-case': v })),
  props('ST_TYPE', { 'equals-ignore-case': 'st' }),
];

/** The five anything-but rules in one operand form (`wrap` builds the anything-but value). */
function anythingBut(wrap: (v: string) => unknown, values: readonly [string, string, string, string, string]): string[] {
  const [street1, street2, stType, geoType, fromSt] = values;
  return [
    props('STREET', { 'anything-but': wrap(street1) }),
    props('STREET', { 'anything-but': wrap(street2) }),
    props('ST_TYPE', { 'anything-but': wrap(stType) }),
    geometryType({ 'anything-but': wrap(geoType) }),
    props('FROM_ST', { 'anything-but': wrap(fromSt) }),
  ];
}

const ANYTHING_BUT = anythingBut((v) => [v], ['FULTON', 'MASON', 'ST', 'Polygon', '441']);
const ANYTHING_BUT_IGNORE_CASE = anythingBut((v) => ({ 'equals-ignore-case': [v] }), ['Fulton', 'Mason', 'st', 'polygon', '441']);
const ANYTHING_BUT_PREFIX = anythingBut((v) => ({ prefix: v }), ['FULTO', 'MASO', 'S', 'Poly', '44']);
const ANYTHING_BUT_SUFFIX = anythingBut((v) => ({ suffix: v }), ['ULTON', 'ASON', 'T', 'olygon', '41']);
const ANYTHING_BUT_WILDCARD = ['143*', '2*0*1*7', '*218', '3*5*2', 'VA*IL'].map((v) => props('MAPBLKLOT', { 'anything-but': { wildcard: v } }));

/** The five numeric rules of one coordinate object (`coordinates` or `firstCoordinates`). */
function numericRules(under: string, second: { axis: string; value: number }): string[] {
  return [
    coordinateRule(under, 'x', ['=', -122.42916360922355], 'Polygon'),
    coordinateRule(under, second.axis, ['=', second.value], 'MultiPolygon'),
    coordinateRule(under, 'x', ['<', -122.41600944012424]),
    coordinateRule(under, 'x', ['>', -122.41600944012424]),
    coordinateRule(under, 'x', ['>', -122.46471267081272, '<', -122.4063085128395]),
  ];
}

const NUMERIC = numericRules('firstCoordinates', { axis: 'z', value: 0 });
const COMPLEX_ARRAYS = numericRules('coordinates', { axis: 'y', value: 37.729900216217324 });

/** One CL2 rule set: its name as in Benchmarks.java and its patterns as JSON text. */
export interface CityLotsRuleSet {
  readonly name: string;
  readonly patterns: readonly string[];
}

const ANYTHING_BUT_ALL = [...ANYTHING_BUT, ...ANYTHING_BUT_IGNORE_CASE, ...ANYTHING_BUT_PREFIX, ...ANYTHING_BUT_SUFFIX, ...ANYTHING_BUT_WILDCARD];
const PARTIAL_COMBO = [...NUMERIC, ...EXACT, ...PREFIX, ...ANYTHING_BUT_ALL];

/** Every CL2 rule set, in the order Benchmarks.java runs them. */
export const CITYLOTS_RULE_SETS: readonly CityLotsRuleSet[] = [
  { name: 'EXACT', patterns: EXACT },
  { name: 'WILDCARD', patterns: WILDCARD },
  { name: 'PREFIX', patterns: PREFIX },
  { name: 'PREFIX_EQUALS_IGNORE_CASE', patterns: PREFIX_EQUALS_IGNORE_CASE },
  { name: 'SUFFIX', patterns: SUFFIX },
  { name: 'SUFFIX_EQUALS_IGNORE_CASE', patterns: SUFFIX_EQUALS_IGNORE_CASE },
  { name: 'EQUALS_IGNORE_CASE', patterns: EQUALS_IGNORE_CASE },
  { name: 'NUMERIC', patterns: NUMERIC },
  { name: 'ANYTHING_BUT', patterns: ANYTHING_BUT },
  { name: 'ANYTHING_BUT_IGNORE_CASE', patterns: ANYTHING_BUT_IGNORE_CASE },
  { name: 'ANYTHING_BUT_PREFIX', patterns: ANYTHING_BUT_PREFIX },
  { name: 'ANYTHING_BUT_SUFFIX', patterns: ANYTHING_BUT_SUFFIX },
  { name: 'ANYTHING_BUT_WILDCARD', patterns: ANYTHING_BUT_WILDCARD },
  { name: 'COMPLEX_ARRAYS', patterns: COMPLEX_ARRAYS },
  { name: 'PARTIAL_COMBO', patterns: PARTIAL_COMBO },
  { name: 'COMBO', patterns: [...PARTIAL_COMBO, ...COMPLEX_ARRAYS] },
];
