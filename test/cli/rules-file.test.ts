/**
 * Reading rules files: pattern text is kept exactly as written, names are plain data, and each
 * rule knows where its pattern starts in its file.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliUsageError } from '../../src/cli/io.js';
import { loadRules, parseRulesText } from '../../src/cli/rules-file.js';

describe('parseRulesText', () => {
  test('should keep each pattern as its source text, number spellings included', () => {
    const text = '{\n  "a": {"x": [300.0, 9007199254740993]},\n  "b" : { "y" : [ "s,}" ] } ,"c":{"z":[{"numeric":[">",1e2]}]}}';
    expect(parseRulesText(text, 'rules.json')).toEqual([
      { name: 'a', pattern: '{"x": [300.0, 9007199254740993]}', origin: { file: 'rules.json', line: 2, column: 8, verbatim: true } },
      { name: 'b', pattern: '{ "y" : [ "s,}" ] }', origin: { file: 'rules.json', line: 3, column: 9, verbatim: true } },
      { name: 'c', pattern: '{"z":[{"numeric":[">",1e2]}]}', origin: { file: 'rules.json', line: 3, column: 34, verbatim: true } },
    ]);
  });

  test('should decode a pattern given as a JSON string', () => {
    expect(parseRulesText('{"r": "{\\"source\\":[\\"a\\"]}"}', 'f')).toEqual([
      { name: 'r', pattern: '{"source":["a"]}', origin: { file: 'f', line: 1, column: 7, verbatim: false } },
    ]);
  });

  test('should keep values that are not objects, for the validator to reject', () => {
    expect(parseRulesText('{"n": 5, "t": true, "l": [1]}', 'f')).toEqual([
      { name: 'n', pattern: '5', origin: { file: 'f', line: 1, column: 7, verbatim: true } },
      { name: 't', pattern: 'true', origin: { file: 'f', line: 1, column: 15, verbatim: true } },
      { name: 'l', pattern: '[1]', origin: { file: 'f', line: 1, column: 26, verbatim: true } },
    ]);
  });

  test('should treat __proto__ and escaped names as plain rule names, keeping duplicates in order', () => {
    const rules = parseRulesText('{"__proto__": {"a":["1"]}, "x\\"y": {"b":["2"]}, "__proto__": {"c":["3"]}}', 'f');
    expect(rules.map((r) => r.name)).toEqual(['__proto__', 'x"y', '__proto__']);
    expect(rules[2]?.pattern).toBe('{"c":["3"]}');
  });

  test.each([
    ['not JSON', '{"a": ', /is not valid JSON/],
    ['an array', '[{"a":["x"]}]', /must be a JSON object/],
    ['a string', '"x"', /must be a JSON object/],
  ])('should throw CliUsageError for %s', (_name, text, message) => {
    expect(() => parseRulesText(text, 'rules.json')).toThrow(CliUsageError);
    expect(() => parseRulesText(text, 'rules.json')).toThrow(message);
  });

  test('should handle deep nesting without recursion', () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const rules = parseRulesText(`{"deep": ${deep}}`, 'f');
    expect(rules).toHaveLength(1);
    expect(rules[0]?.pattern).toBe(deep);
  });
});

describe('loadRules', () => {
  test('should read a directory of .json files sorted by name, ignoring other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebm-rules-'));
    try {
      mkdirSync(join(dir, 'rules'));
      writeFileSync(join(dir, 'rules', 'b.json'), '\uFEFF{"b":["1"]}\n');
      writeFileSync(join(dir, 'rules', 'a.json'), '{"a":["1"]}');
      writeFileSync(join(dir, 'rules', 'notes.txt'), 'x');
      expect(await loadRules(join(dir, 'rules'))).toEqual([
        { name: 'a', pattern: '{"a":["1"]}', origin: { file: join(dir, 'rules', 'a.json'), line: 1, column: 1, verbatim: true } },
        { name: 'b', pattern: '{"b":["1"]}\n', origin: { file: join(dir, 'rules', 'b.json'), line: 1, column: 1, verbatim: true } },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('should throw CliUsageError naming a missing path', async () => {
    const missing = join(tmpdir(), 'ebm-missing-dir', 'rules.json');
    await expect(loadRules(missing)).rejects.toThrow(`cannot read rules ${missing}: no such file or directory`);
  });
});
