/**
 * Issue #12, items 2 and 6 (in-process): a PutEvents request with far too many entries gets AWS's
 * too-many-entries ValidationException with a bounded echo (never more than 64 KiB of message, and
 * never a RangeError), and listing rules does not sort every rule on every call.
 */

import { afterEach, describe, expect, test, vi } from 'vitest';
import { EventBridge } from '../../src/bus/index.js';
import { isEventBridgeError } from '../../src/errors.js';
import { awsError } from './aws-error.js';

const TOO_MANY = "failed to satisfy constraint: Member must have length less than or equal to 10";

describe('PutEvents with too many entries', () => {
  test('should echo eleven small entries whole, as AWS does', () => {
    const entry = { Source: 'a', DetailType: 'b', Detail: '{}' };
    const e = awsError(() => new EventBridge().putEvents({ Entries: Array.from({ length: 11 }, () => entry) }));
    expect(isEventBridgeError(e, 'ValidationException')).toBe(true);
    const message = e.message;
    expect(message.match(/PutEventsRequestEntry\(/g)).toHaveLength(11);
    expect(message.endsWith(`)]' at 'entries' ${TOO_MANY}`)).toBe(true);
  });

  test.each([
    ['200,000 empty entries', Array.from({ length: 200_000 }, () => ({}))],
    ['12 entries of 1 MB Detail each', Array.from({ length: 12 }, () => ({ Source: 's', DetailType: 'd', Detail: `{"a":"${'x'.repeat(1_000_000)}"}` }))],
    ['20,000 entries of multi-byte text', Array.from({ length: 20_000 }, () => ({ Source: '\u{1F600}'.repeat(50), DetailType: '\u00e9'.repeat(50) }))],
  ])('%s: same error code, a bounded prefix, at most 64 KiB of message', (_name, entries) => {
    const e = awsError(() => new EventBridge().putEvents({ Entries: entries }));
    expect(isEventBridgeError(e, 'ValidationException')).toBe(true);
    const message = e.message;
    expect(Buffer.byteLength(message, 'utf8')).toBeLessThanOrEqual(64 * 1024);
    expect(message.startsWith("1 validation error detected: Value '[PutEventsRequestEntry(")).toBe(true);
    expect(message).toContain(`... (${entries.length} entries)]' at 'entries' ${TOO_MANY}`);
  });
});

describe('ListRules', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('should not sort the rules again while they do not change', () => {
    const eb = new EventBridge();
    for (let i = 0; i < 300; i++) eb.putRule({ Name: `r${(i * 7919) % 300}`, EventPattern: '{"source":["a"]}' });
    eb.listRules({ Limit: 1 });
    const sort = vi.spyOn(Array.prototype, 'sort');
    let token: string | undefined;
    let pages = 0;
    do {
      const page = eb.listRules({ Limit: 100, ...(token === undefined ? {} : { NextToken: token }) });
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    eb.listRules({ NamePrefix: 'r1' });
    expect(pages).toBe(3);
    expect(sort).not.toHaveBeenCalled();
  });

  test('should list in name order, by prefix and page, after adds and deletes', () => {
    const eb = new EventBridge();
    const names = new Set<string>();
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 400; i++) {
      const name = `${'abc'[next() % 3]}${'xy.'[next() % 3]}${next() % 50}`;
      if (names.has(name) && next() % 2 === 0) {
        eb.deleteRule({ Name: name });
        names.delete(name);
      } else {
        eb.putRule({ Name: name, EventPattern: '{"source":["a"]}' });
        names.add(name);
      }
      if (i % 50 !== 49) continue;
      for (const prefix of [undefined, 'a', 'bx', 'c.1', 'zz']) {
        const expected = [...names].filter((n) => prefix === undefined || n.startsWith(prefix)).sort();
        const listed: string[] = [];
        let token: string | undefined;
        do {
          const page = eb.listRules({ Limit: 7, ...(prefix === undefined ? {} : { NamePrefix: prefix }), ...(token === undefined ? {} : { NextToken: token }) });
          listed.push(...page.Rules.map((r) => r.Name));
          token = page.NextToken;
        } while (token !== undefined);
        expect(listed).toEqual(expected);
      }
    }
  });
});
