/**
 * `eventbridge-matcher transform`, run as a child process: prints exactly the target's input (no
 * newline added when stdout is not a terminal), exit 1 when the target would receive nothing, 2
 * with AWS's message for a target PutTargets refuses or an event that is not a JSON object.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, runCli } from '../cli/helpers.js';

let main: string;
let dir: string;

const event = JSON.stringify(
  {
    version: '0',
    id: 'e1',
    'detail-type': 'Order Placed',
    source: 'shop',
    account: '123456789012',
    time: '2024-05-01T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { total: 42.5, customer: { id: 'c1' } },
  },
  null,
  2,
);
const target = {
  Id: 'invoice',
  Arn: 'arn:aws:lambda:us-east-1:123456789012:function:invoice',
  InputTransformer: {
    InputPathsMap: { total: '$.detail.total', customer: '$.detail.customer' },
    InputTemplate: '{"total": <total>, "customer": <customer>, "rule": <aws.events.rule-name>}',
  },
};

beforeAll(async () => {
  main = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'ebm-transform-test-'));
  writeFileSync(join(dir, 'event.json'), event);
  writeFileSync(join(dir, 'target.json'), JSON.stringify(target, null, 2));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('transform', () => {
  test('prints exactly the transformed input', async () => {
    const run = await runCli(main, ['transform', '--target', join(dir, 'target.json'), '--event', join(dir, 'event.json'), '--rule-name', 'orders']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"total": 42.5, "customer": {"id":"c1"}, "rule": "orders"}');
    expect(run.stderr).toBe('');
  });

  test('prints the compact event for a target without input members, reading the event from stdin', async () => {
    const run = await runCli(main, ['transform', '-t', '{"Id":"t","Arn":"a"}', '-e', '-'], { stdin: event });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(JSON.stringify(JSON.parse(event)));
  });

  test('exit 1 when the target would receive nothing', async () => {
    const run = await runCli(main, ['transform', '-t', '{"Id":"t","InputPath":"$.detail.nothing"}', '-e', join(dir, 'event.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('InputPath $.detail.nothing selects nothing in the event.');
  });

  test('exit 2 with AWS’s message for a target PutTargets refuses', async () => {
    const bad = JSON.stringify({ Id: 'x', InputTransformer: { InputPathsMap: {}, InputTemplate: '"<nope>"' } });
    const run = await runCli(main, ['transform', '-t', bad, '-e', join(dir, 'event.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ValidationException: InputTemplate for target x contains invalid placeholder nope.');
  });

  test('exit 2 for an event that is not a JSON object, and for missing options', async () => {
    const run = await runCli(main, ['transform', '-t', '{"Id":"t"}', '-e', '[1]']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid event (inline JSON)');
    expect(run.stderr).toContain('Parameter Event is not valid.');
    const usage = await runCli(main, ['transform', '--event', join(dir, 'event.json')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('transform needs --target and --event');
  });

  test('has help, and the tool lists it', async () => {
    const help = await runCli(main, ['transform', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: eventbridge-matcher transform --target');
    const top = await runCli(main, ['--help']);
    expect(top.stdout).toContain('transform --target target.json --event event.json');
  });
});
