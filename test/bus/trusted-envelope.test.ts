/**
 * The bus matches the envelopes it builds itself with `{ trusted: true }` (their detail was checked
 * at PutEvents), for rules and for archive patterns, and the answers are those of strict matching:
 * the detail's unread deep subtree does not change which rules match.
 */

import { afterEach, expect, test, vi } from 'vitest';
import { EventBridge, Matcher } from '../../src/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

test('PutEvents matches rules and archive patterns on its own envelopes in trusted mode, with strict answers', () => {
  const seen: unknown[] = [];
  const original = Matcher.prototype.match;
  vi.spyOn(Matcher.prototype, 'match').mockImplementation(function (this: Matcher, event: string | object, options?: { trusted?: boolean }) {
    seen.push(options);
    const strict = original.call(this, event);
    const answer = original.call(this, event, options);
    expect([...answer].sort()).toEqual([...strict].sort());
    return answer;
  });
  const eb = new EventBridge();
  eb.putRule({ Name: 'keep', EventPattern: '{"detail":{"keep":[true]}}' });
  eb.putRule({ Name: 'other', EventPattern: '{"detail":{"keep":[false]}}' });
  eb.createArchive({ ArchiveName: 'a', EventSourceArn: 'default', EventPattern: '{"detail":{"keep":[true]}}' });
  const deep = `${'{"d":['.repeat(12)}1${']}'.repeat(12)}`;
  const out = eb.putEvents({ Entries: [{ Source: 's', DetailType: 'd', Detail: `{"blob":${deep},"keep":true}` }] });
  expect(out.FailedEntryCount).toBe(0);
  expect(eb.describeArchive({ ArchiveName: 'a' }).EventCount).toBe(1);
  expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(seen.every((o) => (o as { trusted?: boolean } | undefined)?.trusted === true)).toBe(true);
});
