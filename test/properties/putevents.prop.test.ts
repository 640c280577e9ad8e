/**
 * PutEvents properties over random batches of 1 to 10 entries, valid and invalid mixed: one result
 * per entry in request order, FailedEntryCount equal to the failures, every accepted entry once in
 * Matches (in order, with its EventId), failures exactly where an independent oracle predicts them,
 * and matched rules equal to the reference evaluator's answer rule by rule.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EventBridge } from '../../src/bus/event-bridge.js';
import { matchesPattern } from '../../src/match/reference.js';
import { parsePattern } from '../../src/pattern/parse.js';
import type { PutEventsRequestEntry } from '../../src/bus/types.js';

const RULES: Record<string, Record<string, string>> = {
  default: {
    'shop-source': '{"source":["shop"]}',
    'order-type': '{"detail-type":["Order"]}',
    'has-a': '{"detail":{"a":[{"exists":true}]}}',
    'num-gt-1': '{"detail":{"a":[{"numeric":[">",1]}]}}',
    'no-b': '{"source":[{"prefix":""}],"detail":{"b":[{"exists":false}]}}',
    'resource-prefix': '{"resources":[{"prefix":"arn:"}]}',
  },
  orders: {
    'orders-shop': '{"source":["shop"]}',
    'orders-any': '{"source":[{"anything-but":"nothing"}]}',
  },
};

const detailValue = fc.oneof(
  fc.constantFrom('1', '2.5', '-3', '"x"', 'true', 'null', '[1,2]', '{"c":"d"}', '1.0e1'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
);
const validDetail = fc
  .array(fc.tuple(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', ''), detailValue), { maxLength: 4 })
  .map((members) => `{ ${members.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')} }`);
const detail = fc.oneof(
  { weight: 12, arbitrary: validDetail },
  { weight: 1, arbitrary: fc.constantFrom(undefined, '', '[]', 'null', '"s"', '{', '{"a":1,}', 'NotJSON', '{"a":01}') },
);

/** Mostly valid values, with each kind of invalid value now and then. */
function mostly<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

const entry = fc.record(
  {
    Source: mostly(fc.constantFrom('shop', 'other'), fc.constantFrom('aws.ec2', '', undefined)),
    DetailType: mostly(fc.constantFrom('Order', 'Refund'), fc.constantFrom('', undefined)),
    Detail: detail,
    EventBusName: mostly(
      fc.constantFrom(undefined, 'default', 'orders', 'missing-bus', 'arn:aws:events:us-east-1:123456789012:event-bus/orders'),
      fc.constant('bad name'),
    ),
    TraceHeader: mostly(fc.constantFrom(undefined, 'Root=1-abc'), fc.constantFrom('', 'x'.repeat(501))),
    Resources: fc.array(mostly(fc.constantFrom('arn:aws:s3:::b', 'other'), fc.constant('r'.repeat(2049))), { maxLength: 2 }),
    Time: mostly<number | string | null>(fc.option(fc.integer({ min: 0, max: 4_000_000_000 })), fc.constant('soon')),
  },
  { requiredKeys: ['Source', 'DetailType', 'Detail'] },
);

/** Independent prediction of whether AWS-style validation fails the entry. */
function shouldFail(e: Record<string, unknown>): boolean {
  const str = (k: string): string | undefined => e[k] as string | undefined;
  if (!str('Source') || !str('DetailType') || !str('Detail')) return true;
  if (str('Time') === 'soon') return true;
  if (((e['Resources'] as string[] | undefined) ?? []).some((r) => r.length > 2048)) return true;
  if (str('EventBusName') === 'bad name') return true;
  const trace = str('TraceHeader');
  if (trace !== undefined && (trace.length === 0 || trace.length > 500)) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(str('Detail') as string);
  } catch {
    return true;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return true;
  return (str('Source') as string).startsWith('aws.');
}

describe('putEvents properties', () => {
  const parsed = Object.fromEntries(
    Object.entries(RULES).map(([bus, rules]) => [bus, Object.entries(rules).map(([name, p]) => [name, parsePattern(p)] as const)]),
  );

  test('one result per entry, counts and matches consistent, rules equal the reference', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 10 }), (entries) => {
        let n = 0;
        const eb = new EventBridge({ newId: () => `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}` });
        eb.createEventBus({ Name: 'orders' });
        for (const [bus, rules] of Object.entries(RULES)) {
          for (const [name, p] of Object.entries(rules)) eb.putRule({ Name: name, EventBusName: bus, EventPattern: p });
        }
        const out = eb.putEvents({ Entries: entries as PutEventsRequestEntry[] });
        expect(out.Entries).toHaveLength(entries.length);
        const failures = out.Entries.filter((r) => r.ErrorCode !== undefined);
        expect(out.FailedEntryCount).toBe(failures.length);
        out.Entries.forEach((r, i) => {
          expect((r.EventId === undefined) !== (r.ErrorCode === undefined)).toBe(true);
          expect(r.ErrorCode !== undefined).toBe(shouldFail(entries[i] as Record<string, unknown>));
        });
        const accepted = out.Entries.flatMap((r) => (r.EventId === undefined ? [] : [r.EventId]));
        expect(out.Matches.map((m) => m.EventId)).toEqual(accepted);
        expect(new Set(accepted).size).toBe(accepted.length);
        for (const m of out.Matches) {
          const envelope = JSON.parse(m.Event) as { id: string };
          expect(envelope.id).toBe(m.EventId);
          const busRules = m.Dropped === undefined ? (parsed[m.EventBusName] ?? []) : [];
          const expected = busRules.filter(([, p]) => matchesPattern(p, m.Event)).map(([name]) => name).sort();
          expect(m.Rules.map((r) => r.Name)).toEqual(expected);
          expect(m.Dropped !== undefined).toBe(m.EventBusName === 'missing-bus');
        }
      }),
      { seed: 20260127, numRuns: 150 },
    );
  });
});
