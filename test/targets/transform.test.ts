/**
 * transformTargetInput against every recorded case of test/fixtures/aws-input-transformer.json (the
 * user guide's documented examples and AWS-validated snapshots, each with its source in the
 * fixture), plus the rules those cases do not pin down one by one.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventBridgeError, InvalidEventError } from '../../src/index.js';
import { TargetInputError, transformTargetInput, validateTargetInput } from '../../src/targets/index.js';
import type { TargetInputContext, TargetInputSpec } from '../../src/targets/index.js';

interface Case {
  name: string;
  source: Record<string, string>;
  event: string;
  context: TargetInputContext;
  target: TargetInputSpec;
  documentedOutput?: string;
  recordedOutput?: string;
  expectedOutput?: string;
  comparison: 'exact' | 'json' | 'elided' | 'none';
  why?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/aws-input-transformer.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  notDelivered: Array<{ name: string; event: string; target: TargetInputSpec }>;
  putTargetsRejects: Array<{ name: string; target: unknown; error: { code: string; message: string } }>;
  putTargetsAccepts: Array<{ name: string; target: unknown }>;
};

describe('recorded and documented cases', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const out = transformTargetInput(c.target, c.event, c.context);
    const aws = c.documentedOutput ?? c.recordedOutput ?? '';
    switch (c.comparison) {
      case 'exact':
        expect(out).toBe(aws);
        break;
      case 'json':
        expect(JSON.parse(out)).toEqual(JSON.parse(aws));
        if (c.expectedOutput !== undefined) expect(out).toBe(c.expectedOutput);
        break;
      case 'elided': {
        // Every line the page prints, up to the elision, is in the output as printed.
        const shown = aws.slice(0, aws.indexOf('...')).split('\n').slice(0, -2);
        expect(out.split('\n').slice(0, shown.length)).toEqual(shown);
        expect(out).toBe(c.expectedOutput);
        break;
      }
      case 'none':
        expect(out).toBe(c.expectedOutput);
        break;
    }
  });

  it('covers every example of the user guide page and the tutorial', () => {
    const documented = fixture.cases.filter((c) => c.documentedOutput !== undefined);
    expect(documented.map((c) => c.name)).toEqual([
      'Simple string',
      'String with escaped quotes',
      'Simple JSON',
      'JSON with strings and variables',
      'JSON with a mix of variables and static information',
      'Including reserved variables in JSON',
      'Including reserved variables in a string',
      'Amazon CloudWatch log group',
      'Tutorial: SNS message',
    ]);
    for (const c of documented) expect(c.source['url']).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it.each(fixture.notDelivered.map((c) => [c.target.InputTransformer?.InputTemplate ?? '', c] as const))(
    'delivers nothing for %s (AWS delivers nothing)',
    (_t, c) => {
      expect(() => transformTargetInput(c.target, c.event)).toThrow(TargetInputError);
    },
  );

  it.each(fixture.putTargetsRejects.map((c) => [c.name, c] as const))('PutTargets refuses: %s', (_name, c) => {
    expect(validateTargetInput(c.target)).toEqual(c.error);
  });

  it.each(fixture.putTargetsAccepts.map((c, i) => [i, c] as const))('PutTargets accepts API reference example %i', (_i, c) => {
    expect(validateTargetInput(c.target)).toBeUndefined();
  });
});

const EVENT =
  '{"version":"0","id":"e1","detail-type":"Order Placed","source":"shop","account":"123456789012","time":"2024-05-01T10:00:00Z","region":"eu-west-1","resources":["r1","r2"],"detail":{"total":42.50,"note":"say \\"hi\\"","items":[{"sku":"a"},{"sku":"b"}],"flag":false,"none":null,"path/x":"slash","dup":1,"dup":2}}';

function transform(template: string, paths: Record<string, string> = {}, context: TargetInputContext = {}): string {
  return transformTargetInput({ Id: 't', InputTransformer: { InputPathsMap: paths, InputTemplate: template } }, EVENT, context);
}

describe('no input member, Input, InputPath', () => {
  it('sends the compact event when the target has no input member', () => {
    const pretty = JSON.stringify(JSON.parse('{"a": [1, 2], "b": "x y"}'), null, 2);
    expect(transformTargetInput({}, pretty)).toBe('{"a":[1,2],"b":"x y"}');
  });

  it('sends the whole event compact whatever whitespace surrounds it or sits inside it, strings kept', () => {
    const spaced = ' \n\t{ "a" : [ 1 , { "b" : " x  y " } ] ,\r\n "c": "\\" }" }\n ';
    expect(transformTargetInput({}, spaced)).toBe('{"a":[1,{"b":" x  y "}],"c":"\\" }"}');
    expect(transformTargetInput({}, EVENT)).toBe(EVENT);
  });

  it('finds members whose keys are spelled with escapes, by their decoded names', () => {
    const event = '{"detail":{"a\\u0062":1,"q\\"k":2,"plain":3,"\\u00e9t\\u00e9":4}}';
    expect(transformTargetInput({ InputPath: '$.detail.ab' }, event)).toBe('1');
    expect(transformTargetInput({ InputPath: '$.detail.plain' }, event)).toBe('3');
    expect(transformTargetInput({ InputPath: '$.detail.été' }, event)).toBe('4');
    expect(transformTargetInput({ Id: 't', InputTransformer: { InputPathsMap: { k: '$.detail.ab', e: '$.detail.été' }, InputTemplate: '{"k": <k>, "e": <e>}' } }, event)).toBe('{"k": 1, "e": 4}');
  });

  it('sends Input as it is', () => {
    expect(transformTargetInput({ Input: '{ "constant" : true }' }, EVENT)).toBe('{ "constant" : true }');
  });

  it('keeps number spellings and string escapes of the event', () => {
    expect(transformTargetInput({ InputPath: '$.detail.total' }, EVENT)).toBe('42.50');
    expect(transformTargetInput({ InputPath: '$.detail.note' }, EVENT)).toBe('"say \\"hi\\""');
  });

  it('selects array items, wildcards and names with slashes', () => {
    expect(transformTargetInput({ InputPath: '$.detail.items[1].sku' }, EVENT)).toBe('"b"');
    expect(transformTargetInput({ InputPath: '$.detail.items[*].sku' }, EVENT)).toBe('["a","b"]');
    expect(transformTargetInput({ InputPath: '$.resources.*' }, EVENT)).toBe('["r1","r2"]');
    expect(transformTargetInput({ InputPath: '$.detail.path/x' }, EVENT)).toBe('"slash"');
    expect(transformTargetInput({ InputPath: '$' }, EVENT)).toBe(EVENT);
  });

  it('takes the last of repeated keys', () => {
    expect(transformTargetInput({ InputPath: '$.detail.dup' }, EVENT)).toBe('2');
  });

  it('fails the delivery when InputPath selects nothing or is outside the subset', () => {
    expect(() => transformTargetInput({ InputPath: '$.detail.missing' }, EVENT)).toThrow(TargetInputError);
    expect(() => transformTargetInput({ InputPath: "$['detail']" }, EVENT)).toThrow(TargetInputError);
  });
});

describe('templates', () => {
  it('writes values in value position as JSON and inside strings as text', () => {
    const paths = { total: '$.detail.total', flag: '$.detail.flag', none: '$.detail.none', items: '$.detail.items' };
    expect(transform('{"a": <total>, "b": <flag>, "c": <none>, "d": <items>}', paths)).toBe(
      '{"a": 42.50, "b": false, "c": null, "d": [{"sku":"a"},{"sku":"b"}]}',
    );
    expect(transform('{"s": "<total> <flag> <none>"}', paths)).toBe('{"s": "42.50 false null"}');
  });

  it('does not escape extracted strings again, in JSON and in text', () => {
    expect(transform('{"n": "<note>", "m": <note>}', { note: '$.detail.note' })).toBe('{"n": "say \\"hi\\"", "m": "say \\"hi\\""}');
    expect(transform('Note: <note>', { note: '$.detail.note' })).toBe('Note: say \\"hi\\"');
  });

  it('writes a missing path as nothing in text and as "" in value position', () => {
    expect(transform('"x<m>y"', { m: '$.nope' })).toBe('"xy"');
    expect(transform('{"v": <m>, "s": "x<m>y"}', { m: '$.nope' })).toBe('{"v": "", "s": "xy"}');
  });

  it('drops the quotes of objects and arrays placed in text', () => {
    expect(transform('"<items>"', { items: '$.detail.items' })).toBe('"[{sku:a},{sku:b}]"');
  });

  it('fills the predefined variables', () => {
    const context = { ruleName: 'r', ruleArn: 'arn:aws:events:eu-west-1:123456789012:rule/r', ingestionTime: new Date('2024-05-01T10:00:01.250Z') };
    expect(transform('{"n": <aws.events.rule-name>, "a": "<aws.events.rule-arn>", "t": <aws.events.event.ingestion-time>}', {}, context)).toBe(
      '{"n": "r", "a": "arn:aws:events:eu-west-1:123456789012:rule/r", "t": "2024-05-01T10:00:01Z"}',
    );
    expect(transform('"<aws.events.event.ingestion-time>"')).toBe('"2024-05-01T10:00:00Z"');
  });

  it('treats a template starting with anything but { or [ as text', () => {
    expect(transform('<n> orders', { n: '$.detail.total' })).toBe('42.50 orders');
    expect(transform('[<n>, "<n>"]', { n: '$.detail-type' })).toBe('["Order Placed", "Order Placed"]');
  });

  it('leaves angle brackets that are not placeholders alone', () => {
    expect(transform('"a < b and c > d, <>"')).toBe('"a < b and c > d, <>"');
  });
});

describe('errors', () => {
  it('refuses an invalid target with AWS’s exception', () => {
    const run = () => transformTargetInput({ Id: 'x', Input: '{}', InputPath: '$' }, EVENT);
    expect(run).toThrow(EventBridgeError);
    expect(run).toThrow('Only one of Input, InputPath, or InputTransformer must be provided for target x.');
  });

  it('refuses an event that is not a JSON object', () => {
    expect(() => transformTargetInput({}, '[1]')).toThrow(InvalidEventError);
    expect(() => transformTargetInput({}, '{"a":')).toThrow('Parameter Event is not valid.');
  });
});
