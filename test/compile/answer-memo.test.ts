/**
 * The memo of a value index's answers for string values (src/compile/answer-memo.ts): what it
 * keeps, its bounds, and its verdict on whether remembering pays.
 */

import { describe, expect, test } from 'vitest';
import { AnswerMemo, KEY_MAX, REST, TARGETS_MAX, VALUES_MAX, WINDOW } from '../../src/compile/answer-memo.js';

/** Looks `v` up `times` times (each lookup counts towards the window). */
function lookUp(memo: AnswerMemo<string>, v: string, times: number): void {
  for (let i = 0; i < times; i++) memo.find(v);
}

describe('AnswerMemo', () => {
  test('keeps a copy of the answer it is given, an empty one included', () => {
    const memo = new AnswerMemo<string>();
    const buffer = ['x', 'a', 'b', 'y'];
    expect(memo.find('v')).toBeUndefined();
    memo.keep('v', buffer, 1, 3);
    buffer[1] = 'changed';
    expect(memo.find('v')).toEqual(['a', 'b']);
    memo.keep('none', buffer, 2, 2);
    expect(memo.find('none')).toEqual([]);
    expect(memo.find('other')).toBeUndefined();
  });

  test('keeps no value longer than its key limit, no answer past its target limit, no value past its size', () => {
    const memo = new AnswerMemo<string>();
    const long = 'k'.repeat(KEY_MAX + 1);
    memo.keep(long, ['t'], 0, 1);
    expect(memo.find(long)).toBeUndefined();
    const atLimit = 'k'.repeat(KEY_MAX);
    memo.keep(atLimit, ['t'], 0, 1);
    expect(memo.find(atLimit)).toEqual(['t']);

    const many = Array.from({ length: TARGETS_MAX + 1 }, (_, i) => `t${i}`);
    memo.keep('many', many, 0, many.length);
    expect(memo.find('many')).toBeUndefined();
    memo.keep('enough', many, 0, TARGETS_MAX);
    expect(memo.find('enough')).toHaveLength(TARGETS_MAX);

    // Two values kept so far (had the long value been kept, the last one filled here would not fit);
    // fill up to the size and one more.
    for (let i = 2; i <= VALUES_MAX; i++) memo.keep(`v${i}`, ['t'], 0, 1);
    expect(memo.find(`v${VALUES_MAX - 1}`)).toEqual(['t']);
    expect(memo.find(`v${VALUES_MAX}`)).toBeUndefined();
  });

  test('keeps remembering while at least half of each window of lookups is found', () => {
    const memo = new AnswerMemo<string>();
    memo.keep('hit', ['t'], 0, 1);
    for (let w = 0; w < 3; w++) {
      lookUp(memo, 'hit', WINDOW / 2);
      lookUp(memo, 'miss', WINDOW / 2);
    }
    expect(memo.find('hit')).toEqual(['t']);
  });

  test('rests, forgetting everything, after a window in which fewer than half were found, then starts again empty', () => {
    const memo = new AnswerMemo<string>();
    memo.keep('hit', ['t'], 0, 1);
    lookUp(memo, 'hit', WINDOW / 2 - 1);
    lookUp(memo, 'miss', WINDOW / 2 + 1);
    // Resting: nothing is found and nothing kept.
    expect(memo.find('hit')).toBeUndefined();
    memo.keep('new', ['t'], 0, 1);
    expect(memo.find('new')).toBeUndefined();
    // Two lookups made while resting; the rest ends after REST of them.
    lookUp(memo, 'any', REST - 3);
    memo.keep('new', ['u'], 0, 1);
    expect(memo.find('new')).toBeUndefined();
    memo.find('any');
    memo.keep('new', ['u'], 0, 1);
    expect(memo.find('new')).toEqual(['u']);
    expect(memo.find('hit')).toBeUndefined();
  });
});
