/**
 * Property: a JSON template's output always parses as JSON, or the delivery fails with a
 * TargetInputError (AWS delivers nothing then); it never returns text that is not JSON. Events and
 * templates are generated with a fixed seed.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TargetInputError, transformTargetInput } from '../../src/targets/index.js';

const json = fc.jsonValue({ maxDepth: 3 });
const names = ['a', 'b', 'c', 'missing'] as const;
const paths: Record<string, string> = { a: '$.detail.a', b: '$.detail.b', c: '$.detail.c[0]', missing: '$.detail.nope' };

/** A JSON template: an object whose values are constants, placeholders, or strings with placeholders. */
const template = fc
  .array(
    fc.tuple(
      fc.string({ maxLength: 5 }).filter((k) => !/[<>"\\]/.test(k)),
      fc.oneof(
        fc.constantFrom(...names).map((n) => `<${n}>`),
        fc.constantFrom(...names).map((n) => `"x <${n}> y"`),
        json.map((v) => JSON.stringify(v)).filter((t) => !/[<>]/.test(t)), // angle brackets would be placeholders
        fc.constantFrom('<aws.events.rule-name>', '<aws.events.event>', '<aws.events.event.json>', '"<aws.events.event.ingestion-time>"'),
      ),
    ),
    { maxLength: 5 },
  )
  .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`);

describe('JSON templates', () => {
  it('give JSON text or a failed delivery, never anything else', () => {
    fc.assert(
      fc.property(json, json, fc.array(json, { maxLength: 3 }), template, (a, b, c, tpl) => {
        const event = JSON.stringify({ version: '0', id: 'x', 'detail-type': 'd', source: 's', time: '2024-01-01T00:00:00Z', detail: { a, b, c } });
        let out: string;
        try {
          out = transformTargetInput({ Id: 't', InputTransformer: { InputPathsMap: paths, InputTemplate: tpl } }, event, { ruleName: 'r"q' });
        } catch (error) {
          expect(error).toBeInstanceOf(TargetInputError);
          return;
        }
        expect(() => JSON.parse(out)).not.toThrow();
      }),
      { seed: 20261206, numRuns: 500 },
    );
  });

  it('give JSON text whenever placeholders stand in value position only', () => {
    fc.assert(
      fc.property(json, json, fc.array(json, { maxLength: 3 }), (a, b, c) => {
        const event = JSON.stringify({ detail: { a, b, c } });
        const out = transformTargetInput(
          { InputTransformer: { InputPathsMap: paths, InputTemplate: '{"a": <a>, "b": [<b>, <c>], "m": <missing>, "e": <aws.events.event.json>}' } },
          event,
        );
        // Compared through JSON text: the event went through JSON.stringify, which writes -0 as 0.
        const expected = { a, b: [b, c.length > 0 ? c[0] : ''], m: '', e: { detail: { a, b, c } } };
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});
