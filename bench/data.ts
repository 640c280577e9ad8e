// Seeded generators for benchmark events: EventBridge envelopes and CityLots-shaped GeoJSON features.
// Everything is derived from a 32-bit seed, so two runs build byte-identical event texts; nothing
// large is committed. Keys are drawn log-uniformly from [0, KEY_SPACE), so rule sets of 1, 100,
// 10,000 and 100,000 rules all see some matches on the same events. The scenario oracles in
// scenarios.ts read the parsed events, never these generators' internals.

/** Upper bound (exclusive) of the per-field keys that rules and events share. */
export const KEY_SPACE = 200_000;

/** A seeded source of floats in [0, 1). */
export type Random = () => number;

/** One generated event: its JSON text and the value it was serialised from. */
export interface GeneratedEvent {
  /** The JSON text handed to the matcher and to JSON.parse. */
  readonly text: string;
  /** The object that `text` serialises (what the oracles read). */
  readonly value: any;
}

/**
 * The text as one flat string, as a reader gets a line from a file or a socket (`Buffer` or
 * `TextDecoder`): `JSON.stringify`, `+` and `replace` leave V8 a rope of parts, which a
 * `charCodeAt` loop (the bench's floor) reads more slowly. The matcher read ropes 10–20 % more
 * slowly until it read a copy of the text's code units (design notes 012, tenth pass, and 016).
 *
 * @param text - Any string.
 * @returns An equal string held flat.
 */
export function flatText(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** The seed of the bench's generated events and lines, unless a run is given another. */
export const BENCH_SEED = 0x5eed_2026;

/**
 * Creates a small, fast, seeded PRNG (mulberry32, a public-domain 32-bit generator).
 *
 * @param seed - Any 32-bit integer.
 * @returns A function returning floats in [0, 1).
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks an integer in [0, n).
 *
 * @param random - A generator from createRandom.
 * @param n - Exclusive upper bound.
 * @returns The integer.
 */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/**
 * Picks a key in [0, KEY_SPACE) log-uniformly, so small keys (and thus small rule sets) still match.
 *
 * @param random - A generator from createRandom.
 * @returns The key.
 */
export function logUniformKey(random: Random): number {
  return Math.min(KEY_SPACE - 1, Math.floor(Math.pow(KEY_SPACE, random())) - 1);
}

/**
 * Picks one element of a non-empty array.
 *
 * @param random - A generator from createRandom.
 * @param items - The choices (non-empty).
 * @returns The chosen element.
 */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)] as T;
}

/** Event sources; rule i of the exact scenario asks for SOURCES[i % SOURCES.length]. */
export const SOURCES: readonly string[] = [
  'com.shop.orders', 'com.shop.payments', 'com.shop.shipping', 'com.shop.returns',
  'com.shop.catalog', 'com.shop.accounts', 'com.shop.search', 'com.shop.reviews',
];

/** Detail types; rule i of the anything-but scenario excludes DETAIL_TYPES[i % DETAIL_TYPES.length]. */
export const DETAIL_TYPES: readonly string[] = ['Order Placed', 'Order Shipped', 'Payment Settled', 'Refund Issued', 'Heartbeat'];

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const STATES = ['PLACED', 'PAID', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'AUD'];
const CITIES = ['Seattle', 'Dublin', 'Frankfurt', 'Sydney', 'Portland', 'Austin'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'aws-sdk-js/3.600.0 ua/2.1 os/linux#6.8 lang/js md/nodejs#20.19.0 api/eventbridge#3.600.0',
  'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.3',
];

/** The first IPv4 address (10.0.0.0, as an integer) of the /24 that rule 0 of the cidr scenario covers. */
export const CIDR_BASE = 10 * 2 ** 24;

/**
 * Formats a 32-bit unsigned integer as a dotted-quad IPv4 address.
 *
 * @param n - The address as an unsigned integer.
 * @returns The dotted quad, e.g. "10.0.1.7".
 */
export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function hex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'.charAt(randomInt(random, 16));
  return out;
}

function randomCase(random: Random, text: string): string {
  let out = '';
  for (const ch of text) out += random() < 0.5 ? ch.toUpperCase() : ch.toLowerCase();
  return out;
}

/**
 * Builds one EventBridge envelope: about 1 KB of JSON with a nested detail, arrays of items and tags.
 * The fields the scenarios use: source, detail-type, detail.customer.id (`cust-<k>`),
 * detail.customer.email (`user<k>@example.com` in random case), detail.total, detail.sourceIPAddress
 * (in 10.0.0.0 upwards), detail.requestParameters.key (`uploads/u<k>/2026/<hex>/img-<k>.jpg`),
 * detail.attributes (three `a<k>` keys) and, on 30% of events, detail.coupon.
 *
 * @param random - A generator from createRandom.
 * @returns The event's JSON text and value.
 */
export function makeEnvelope(random: Random): GeneratedEvent {
  const customer = logUniformKey(random);
  const source = random() < 0.8 ? customer % SOURCES.length : randomInt(random, SOURCES.length);
  const upload = logUniformKey(random);
  const email = logUniformKey(random);
  // Numeric rule i is [10i, 10i + 5): about half of the events land inside some rule's range.
  const total = logUniformKey(random) * 10 + Math.round(random() * 1000) / 100;
  const ip = CIDR_BASE + logUniformKey(random) * 256 + randomInt(random, 256);
  const attributeKeys = [logUniformKey(random), logUniformKey(random), logUniformKey(random)];
  const hasCoupon = random() < 0.3;
  const itemCount = 2 + randomInt(random, 3);
  const items = [];
  for (let i = 0; i < itemCount; i++) {
    items.push({
      sku: `SKU-${hex(random, 6).toUpperCase()}`,
      quantity: 1 + randomInt(random, 5),
      price: Math.round(random() * 20000) / 100,
      tags: [pick(random, ['gift', 'sale', 'new', 'bulk']), pick(random, ['red', 'blue', 'green'])],
    });
  }
  const attributes: Record<string, string> = {};
  for (const key of attributeKeys) attributes[`a${key}`] = hex(random, 4);
  const detail: Record<string, unknown> = {
    orderId: `ord-${hex(random, 12)}`,
    state: pick(random, STATES),
    customer: {
      id: `cust-${customer}`,
      email: randomCase(random, `user${email}@example.com`),
      tier: pick(random, ['bronze', 'silver', 'gold']),
      address: { city: pick(random, CITIES), country: pick(random, ['US', 'IE', 'DE', 'AU']), postcode: hex(random, 5) },
    },
    items,
    total,
    currency: pick(random, CURRENCIES),
    sourceIPAddress: formatIpv4(ip),
    userAgent: pick(random, AGENTS),
    requestParameters: {
      bucketName: `bucket-${hex(random, 6)}`,
      key: `uploads/u${upload}/2026/${hex(random, 4)}/img-${upload}.jpg`,
    },
    attributes,
  };
  if (hasCoupon) detail['coupon'] = `SAVE${randomInt(random, 50)}`;
  const value = {
    version: '0',
    id: `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`,
    'detail-type': pick(random, DETAIL_TYPES),
    source: SOURCES[source],
    account: '123456789012',
    time: new Date(Date.UTC(2026, 0, 1) + randomInt(random, 365 * 86_400) * 1000).toISOString().replace('.000', ''),
    region: pick(random, REGIONS),
    resources: [`arn:aws:s3:::bucket-${hex(random, 6)}`, `arn:aws:ec2:us-east-1:123456789012:instance/i-${hex(random, 17)}`],
    detail,
  };
  return { text: flatText(JSON.stringify(value)), value };
}

/** Street names of the CityLots-shaped features. */
export const STREETS: readonly string[] = ['UNKNOWN', 'MARKET', 'MISSION', 'VALENCIA', 'GEARY', 'CRESCENT', 'JACKSON', 'FOLSOM', 'HOWARD', 'BRYANT'];
const STREET_TYPES = ['ST', 'AVE', 'BLVD', 'WAY', null];

/**
 * Formats a lot key as the 7-digit MAPBLKLOT code (4 block digits, then 3 lot digits).
 *
 * @param key - A key in [0, 10,000,000).
 * @returns The zero-padded code, e.g. "0001001".
 */
export function lotCode(key: number): string {
  return String(key).padStart(7, '0');
}

/**
 * Builds one GeoJSON lot feature shaped like the CityLots data set that event-ruler and quamina
 * benchmark on: about 1 KB, mostly the coordinate triples of one polygon ring. MAPBLKLOT is
 * lotCode(10k + d) for a log-uniform k and a uniform digit d; 10% of features are MultiPolygons.
 *
 * @param random - A generator from createRandom.
 * @returns The event's JSON text and value.
 */
export function makeCityLot(random: Random): GeneratedEvent {
  const code = lotCode(logUniformKey(random) * 10 + randomInt(random, 10));
  const polygon = random() < 0.9;
  const ring: number[][] = [];
  const x0 = -122.5 + random() * 0.15;
  const y0 = 37.7 + random() * 0.1;
  const corners = 16 + randomInt(random, 4);
  for (let i = 0; i < corners; i++) {
    const angle = (2 * Math.PI * i) / corners;
    ring.push([x0 + Math.cos(angle) * 0.0003 + random() * 1e-6, y0 + Math.sin(angle) * 0.0003 + random() * 1e-6, 0]);
  }
  ring.push(ring[0] ?? []);
  const from = randomInt(random, 3000);
  const value = {
    type: 'Feature',
    properties: {
      MAPBLKLOT: code,
      BLKLOT: code,
      BLOCK_NUM: code.slice(0, 4),
      LOT_NUM: code.slice(4),
      FROM_ST: String(from),
      TO_ST: String(from + 2 * randomInt(random, 20)),
      STREET: pick(random, STREETS),
      ST_TYPE: pick(random, STREET_TYPES),
      ODD_EVEN: random() < 0.5 ? 'E' : 'O',
    },
    geometry: { type: polygon ? 'Polygon' : 'MultiPolygon', coordinates: polygon ? [ring] : [[ring]] },
  };
  // JSON.stringify writes the altitude 0 as "0"; the data set spells it "0.0".
  return { text: flatText(JSON.stringify(value).replace(/,0\]/g, ',0.0]')), value };
}
