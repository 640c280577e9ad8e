/**
 * Reading rules files: pattern text is kept exactly as written, names are plain data.
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
      { name: 'a', pattern: '{"x": [300.0, 9007199254740993]}' },
      { name: 'b', pattern: '{ "y" : [ "s,}" ] }' },
      { name: 'c', pattern: '{"z":[{"numeric":[">",1e2]}]}' },
    ]);
  });

  test('should decode a pattern given as a JSON string', () => {
    expect(parseRulesText('{"r": "{\\"source\\":[\\"a\\"]}"}', 'f')).toEqual([{ name: 'r', pattern: '{"source":["a"]}' }]);
  });

  test('should keep values that are not objects, for the validator to reject', () => {
    expect(parseRulesText('{"n": 5, "t": true, "l": [1]}', 'f')).toEqual([
      { name: 'n', pattern: '5' },
      { name: 't', pattern: 'true' },
      { name: 'l', pattern: '[1]' },
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
        { name: 'a', pattern: '{"a":["1"]}' },
        { name: 'b', pattern: '{"b":["1"]}\n' },
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
