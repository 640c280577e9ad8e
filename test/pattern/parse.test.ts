/**
 * Tests of parsePattern and checkEventPattern: the docs/semantics.md §4.2 reasons with their location
 * suffixes, Jackson's locations, first-problem order, sub-rule building and `$or` expansion, the AWS
 * limits, hostile input, and properties (never a foreign exception, key order irrelevant).
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidEventPatternError } from '../../src/errors.js';
import type { ParsedPattern } from '../../src/pattern/ast.js';
import { TOO_COMPLEX_REASON, checkEventPattern, parsePattern } from '../../src/pattern/parse.js';
import { INVALID_PATTERNS } from './validation-catalogue.js';

const PREFIX = 'Event pattern is not valid. Reason: ';

/** The error for a pattern that must be invalid. */
function errorOf(pattern: string | object, maxLength?: number): InvalidEventPatternError {
  const e = checkEventPattern(pattern, maxLength === undefined ? {} : { maxLength });
  if (e === null) throw new Error(`expected ${JSON.stringify(pattern)} to be invalid`);
  return e;
}

function suffixCount(e: InvalidEventPatternError): number {
  return e.message.split('\n at [Source: (String)').length - 1;
}

/** Sub-rules as `path=source|source` lists, for compact assertions. */
function shape(p: ParsedPattern): string[][] {
  return p.subRules.map((r) => r.fields.map((f) => `${f.path}=${f.matchers.map((m) => m.source).join('|')}`));
}

describe('parsePattern', () => {
  describe('should reject with the docs/semantics.md §4.2 catalogue reason and suffix count', () => {
    test.each(INVALID_PATTERNS)('for %s', (pattern, reason, suffixes) => {
      const e = errorOf(pattern);
      expect(e).toBeInstanceOf(InvalidEventPatternError);
      expect(e.name).toBe('InvalidEventPatternException');
      expect(e.reason).toBe(reason);
      expect(e.message.startsWith(PREFIX + reason)).toBe(true);
      if (suffixes !== undefined) expect(suffixCount(e)).toBe(suffixes);
    });
  });

  describe('should place the location where Jackson is', () => {
    test.each([
      // After the value read together with the field name.
      ['{"a":"x"}', '"a" must be an object or an array', 7],
      ['{"a":[{"NUMERIC":["=",5]}]}', 'Unrecognized match type NUMERIC', 19],
      // After the closing bracket.
      ['{"a":[]}', 'Empty arrays are not allowed', 8],
      ['{"a":[{"numeric":[">",1e400]}]}', 'Cannot compare number : 1e400', 29],
      // After the closing quote of a string that was read.
      ['{"a":[{"wildcard":"a**"}]}', 'Consecutive wildcard characters at pos 2', 24],
    ])('for %s', (pattern, reason, column) => {
      expect(errorOf(pattern).message).toBe(
        `${PREFIX}${reason}\n at [Source: (String)"${pattern}"; line: 1, column: ${column}]`,
      );
    });

    test('for a doubled suffix, once where the element failed and once after the re-report', () => {
      const pattern = '{"a":[{"anything-but":["x", tru]}]}';
      const at = `[Source: (String)"${pattern}"; line: 1, column: 32]`;
      expect(errorOf(pattern).message).toBe(
        `${PREFIX}Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at ${at}\n at ${at}`,
      );
    });

    test('for a multi-line pattern', () => {
      const e = errorOf('{\n  "a": [\n    {"prefix": 1}\n  ]\n}');
      expect(e.location).toEqual({ line: 3, column: 17 });
    });
  });

  describe('should report the first problem in document order', () => {
    test('for a validation problem before a syntax error', () => {
      expect(errorOf('{"a":[], "b": tru').reason).toBe('Empty arrays are not allowed');
    });

    test('for a syntax error in the value read together with a reserved name', () => {
      expect(errorOf('{"$or":[{"a":["1"]},{"numeric": NaN}]}').reason).toContain("Non-standard token 'NaN'");
    });

    test('for a syntax error after too many $or combinations', () => {
      const or = '"$or":[{"a":["1"]},{"b":["2"]}]';
      const pattern = `{${Array.from({ length: 11 }, () => or).join(',')}, "c": [01]}`;
      expect(errorOf(pattern).reason).toBe('Invalid numeric value: Leading zeroes not allowed');
    });
  });

  describe('should build sub-rules', () => {
    test('for dotted and nested keys on the same path', () => {
      expect(shape(parsePattern('{"a.b":["x"]}'))).toEqual([['a.b="x"']]);
      expect(shape(parsePattern('{"a":{"b":["x"]}}'))).toEqual([['a.b="x"']]);
    });

    test('for duplicate keys: last wins per path, objects merge', () => {
      expect(shape(parsePattern('{"a":["x"],"a":["y"]}'))).toEqual([['a="y"']]);
      expect(shape(parsePattern('{"b":{"c":["y"]},"b":{"d":["z"]}}'))).toEqual([['b.c="y"', 'b.d="z"']]);
      expect(shape(parsePattern('{"a":{"b":["x"]},"a.b":["y"]}'))).toEqual([['a.b="y"']]);
      expect(shape(parsePattern('{"a.b":["y"],"a":{"b":["x"]}}'))).toEqual([['a.b="x"']]);
    });

    test('for fields sorted by path in UTF-16 order', () => {
      const p = parsePattern('{"b":[1],"a":{"z":[2]},"B":[3],"é":[4],"a.y":[5]}');
      expect(p.subRules[0]?.fields.map((f) => f.path)).toEqual(['B', 'a.y', 'a.z', 'b', 'é']);
    });

    test('for a leaf array in the order written', () => {
      const p = parsePattern('{"a":["z", 1, null, {"prefix": "p"}]}');
      expect(p.subRules[0]?.fields[0]?.matchers.map((m) => m.kind)).toEqual(['exact', 'number', 'literal', 'prefix']);
    });

    test('for the README $or example of event-ruler', () => {
      const p = parsePattern(
        '{"source":["aws.cloudwatch"],"$or":[{"metricName":["CPUUtilization"]},{"metricType":["MetricType"],"namespace":["AWS/EC2"]},{"scope":["Service"]}]}',
      );
      expect(shape(p)).toEqual([
        ['metricName="CPUUtilization"', 'source="aws.cloudwatch"'],
        ['metricType="MetricType"', 'namespace="AWS/EC2"', 'source="aws.cloudwatch"'],
        ['scope="Service"', 'source="aws.cloudwatch"'],
      ]);
    });

    test('for keys after an $or applying to every branch', () => {
      expect(shape(parsePattern('{"$or":[{"a":["1"]},{"b":["2"]}],"c":["3"]}'))).toEqual([
        ['a="1"', 'c="3"'],
        ['b="2"', 'c="3"'],
      ]);
    });

    test('for sequential $or multiplying, in JsonRuleCompiler order (each branch extends all earlier sub-rules)', () => {
      expect(shape(parsePattern('{"$or":[{"a":["1"]},{"b":["2"]}],"$or":[{"c":["3"]},{"d":["4"]}]}'))).toEqual([
        ['a="1"', 'c="3"'],
        ['b="2"', 'c="3"'],
        ['a="1"', 'd="4"'],
        ['b="2"', 'd="4"'],
      ]);
    });

    test('for nested $or adding up', () => {
      expect(shape(parsePattern('{"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]}'))).toEqual([
        ['a="1"'],
        ['b="2"'],
        ['c="3"'],
      ]);
    });

    test('for an $or inside an object prefixing the branch paths', () => {
      expect(shape(parsePattern('{"x":{"$or":[{"a":["1"]},{"b":{"c":["2"]}}]}}'))).toEqual([['x.a="1"'], ['x.b.c="2"']]);
    });

    test('for last-wins inside each sub-rule in document order', () => {
      expect(shape(parsePattern('{"$or":[{"a":["1"]},{"a":["2"]}],"a":["3"]}'))).toEqual([['a="3"']]);
      expect(shape(parsePattern('{"a":["3"],"$or":[{"a":["1"]},{"a":["2"]}]}'))).toEqual([['a="1"'], ['a="2"']]);
    });

    test('for identical branches, kept once', () => {
      expect(shape(parsePattern('{"$or":[{"a":["1"]},{"a":["1"]}]}'))).toEqual([['a="1"']]);
    });

    test('for operator names as plain field names outside $or', () => {
      expect(shape(parsePattern('{"prefix":["x"],"numeric":{"exists":["y"]}}'))).toEqual([
        ['numeric.exists="y"', 'prefix="x"'],
      ]);
    });

    test('for empty keys', () => {
      expect(shape(parsePattern('{"":["x"],"a":{"":["y"]}}'))).toEqual([['="x"', 'a.="y"']]);
    });

    test('for an object pattern, through JSON.stringify', () => {
      const p = parsePattern({ source: ['a'], detail: { n: [{ numeric: ['>', 1] }] } });
      expect(p.text).toBe('{"source":["a"],"detail":{"n":[{"numeric":[">",1]}]}}');
      expect(shape(p)).toEqual([['detail.n={"numeric":[">",1]}', 'source="a"']]);
    });
  });

  describe('should enforce the AWS limits', () => {
    const orOf10 = (name: string): string =>
      `"$or":[${Array.from({ length: 10 }, (_, i) => `{"${name}":[${i}]}`).join(',')}]`;
    const or10 = orOf10('k');

    test('for exactly 1000 $or combinations, accepted', () => {
      const p = parsePattern(`{${orOf10('a')},${orOf10('b')},${orOf10('c')}}`);
      expect(p.subRules).toHaveLength(1000);
    });

    test('for more than 1000 $or combinations (product formula), rejected without suffix', () => {
      const or2 = '"$or":[{"a":["1"]},{"b":["2"]}]';
      const e = errorOf(`{${Array.from({ length: 10 }, () => or2).join(',')}}`);
      expect(e.message).toBe(
        `${PREFIX}Event pattern has more than 1000 rule combinations: the product of the sizes of its $or arrays must not exceed 1000`,
      );
    });

    test('for nested $or counted by the product formula too', () => {
      // Real expansion: 2 + 10 * 10 = 102 sub-rules; AWS's formula: 2 * 10 * 10 * 10 = 2000.
      const e = errorOf(`{"$or":[{"z":[1]},{${or10},${or10}}],${or10}}`);
      expect(e.reason).toContain('more than 1000 rule combinations');
    });

    test('for the pattern length, 4096 by default', () => {
      const pad = (n: number): string => `{"a":["${'x'.repeat(n - 10)}"]}`;
      expect(pad(4096)).toHaveLength(4096);
      expect(checkEventPattern(pad(4096))).toBeNull();
      expect(errorOf(pad(4097)).message).toBe(`${PREFIX}Event pattern must have length less than or equal to 4096`);
      expect(errorOf(pad(100), 99).reason).toBe('Event pattern must have length less than or equal to 99');
      expect(checkEventPattern(pad(5000), { maxLength: 5000 })).toBeNull();
    });

    test('for wildcard complexity above 10, rejected without suffix', () => {
      expect(errorOf('{"EventBusArn":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}').message).toBe(PREFIX + TOO_COMPLEX_REASON);
    });

    test('for wildcard complexity summed over the patterns of one field, wildcard and anything-but lists alike', () => {
      const globs = ['*/datasync/*.bif', '*/datasync/*.tif', '*/datasync/*.svs', '*/datasync/*.tiff'];
      const w = (g: string): string => `{"wildcard":${JSON.stringify(g)}}`;
      expect(errorOf(`{"a":[${globs.map(w).join(',')}]}`).reason).toBe(TOO_COMPLEX_REASON);
      // An anything-but wildcard list is one pattern to event-ruler's evaluator: the same four globs score 10 there.
      expect(checkEventPattern(`{"a":[{"anything-but":{"wildcard":${JSON.stringify(globs)}}}]}`)).toBeNull();
      expect(errorOf(`{"a":[${w(globs[0] ?? '')},{"anything-but":{"wildcard":${JSON.stringify(globs.slice(1))}}}]}`).reason).toBe(
        TOO_COMPLEX_REASON,
      );
      expect(errorOf(`{"$or":[{"a":[${w(globs[0] ?? '')},${w(globs[1] ?? '')}]},{"a":[${w(globs[2] ?? '')},${w(globs[3] ?? '')}]}]}`).reason).toBe(
        TOO_COMPLEX_REASON,
      );
      expect(checkEventPattern(`{"a":[${w(globs[0] ?? '')},${w(globs[1] ?? '')}]}`)).toBeNull();
      // Different fields are scored apart.
      expect(
        checkEventPattern(`{"a":[${w(globs[0] ?? '')},${w(globs[1] ?? '')}],"b":[${w(globs[2] ?? '')},${w(globs[3] ?? '')}]}`),
      ).toBeNull();
    });

    test('for wildcard complexity of 10 or less, accepted', () => {
      expect(checkEventPattern('{"a":[{"wildcard":"/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}')).toBeNull();
    });
  });

  describe('should survive hostile input', () => {
    test('for a pattern nested 10,000 deep, with an error and no stack overflow', () => {
      const depth = 10_000;
      const text = '{"a":'.repeat(depth) + '["x"]' + '}'.repeat(depth);
      const e = errorOf(text, Infinity);
      expect(e.reason).toBe(
        'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
      );
    });

    test('for __proto__ and constructor keys, as plain field names', () => {
      const p = parsePattern('{"__proto__":["x"],"constructor":{"prototype":["y"]},"toString":["z"]}');
      expect(shape(p)).toEqual([['__proto__="x"', 'constructor.prototype="y"', 'toString="z"']]);
      expect(Object.prototype).not.toHaveProperty('prototype');
    });

    test('for a 1 MB string value, in linear time, rejected by length only', () => {
      const text = `{"a":["${'x'.repeat(1 << 20)}"]}`;
      expect(errorOf(text).reason).toBe('Event pattern must have length less than or equal to 4096');
      expect(parsePattern(text, { maxLength: Infinity }).subRules).toHaveLength(1);
    });

    test('for objects JSON.stringify cannot handle', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic['a'] = cyclic;
      expect(errorOf(cyclic).reason).toMatch(/^Pattern object cannot be turned into JSON/);
    });
  });

  describe('should hold as properties', () => {
    test('checkEventPattern never throws and parsePattern throws only InvalidEventPatternError, on JSON values', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (v) => {
          const text = JSON.stringify(v);
          expect(() => checkEventPattern(text)).not.toThrow();
          try {
            parsePattern(text);
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidEventPatternError);
          }
        }),
        { seed: 20261127, numRuns: 500 },
      );
    });

    test('checkEventPattern never throws and parsePattern throws only InvalidEventPatternError, on strings', () => {
      const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '"a"', '1', '-', 'e', '.', 'true', ' ', '\n', '"$or"', '{"prefix":', '"numeric"', '"anything-but"');
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.array(pieces).map((a) => a.join(''))), (text) => {
          expect(() => checkEventPattern(text)).not.toThrow();
          try {
            parsePattern(text);
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidEventPatternError);
          }
        }),
        { seed: 42, numRuns: 1000 },
      );
    });

    test('the key order of a pattern object does not change the parsed result, up to sub-rule order', () => {
      const leaf = fc.constantFrom<unknown[]>(['x'], [1, 'y'], [{ prefix: 'p' }], [{ numeric: ['>', 0, '<=', 5] }], [{ exists: false }], [null, true]);
      const key = fc.constantFrom('a', 'b', 'c', 'a.b', 'é', 'B');
      const obj = fc.dictionary(key, leaf, { minKeys: 1, maxKeys: 4 });
      // Branch keys differ from top-level keys: a path set both outside and inside $or is
      // last-wins in document order, so there key order does matter (docs/semantics.md §1.6).
      const branch = fc.dictionary(fc.constantFrom('p', 'q', 'r.s'), leaf, { minKeys: 1, maxKeys: 3 });
      const pattern = fc.record({
        top: obj,
        nested: fc.option(fc.dictionary(key, obj, { minKeys: 1, maxKeys: 2 }), { nil: undefined }),
        or: fc.option(fc.array(branch, { minLength: 2, maxLength: 3 }), { nil: undefined }),
      });
      const canonical = (p: ParsedPattern): string[] =>
        p.subRules.map((r) => JSON.stringify(r.fields.map((f) => [f.path, f.matchers.map((m) => m.source)]))).sort();
      const reverseKeys = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(reverseKeys);
        if (v === null || typeof v !== 'object') return v;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v).reverse()) out[k] = reverseKeys((v as Record<string, unknown>)[k]);
        return out;
      };
      fc.assert(
        fc.property(pattern, ({ top, nested, or }) => {
          // Dotted keys could collide with nested ones (last wins depends on order), so keep paths apart.
          const p: Record<string, unknown> = { ...top };
          if (nested !== undefined) p['n'] = nested;
          if (or !== undefined) p['$or'] = or;
          const forward = parsePattern(p);
          const backward = parsePattern(reverseKeys(p) as object);
          expect(canonical(backward)).toEqual(canonical(forward));
        }),
        { seed: 7, numRuns: 300 },
      );
    });
  });
});

describe('checkEventPattern', () => {
  test('should return null for a valid pattern', () => {
    expect(checkEventPattern('{"source":["aws.ec2"]}')).toBeNull();
  });

  test('should return the error for an invalid one', () => {
    expect(checkEventPattern('{"source":"aws.ec2"}')?.reason).toBe('"source" must be an object or an array');
  });
});
