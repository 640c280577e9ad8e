/**
 * The examples menu of the sandbox page: common AWS events with a pattern and a target to start
 * from. Each event is shaped like the one its service sends (envelope fields as EventBridge writes
 * them); the values are made up.
 */

/** One entry of the examples menu. */
export interface Example {
  readonly name: string;
  readonly pattern: unknown;
  readonly event: unknown;
  /** A target with `Input`, `InputPath` or `InputTransformer`, or none. */
  readonly target?: unknown;
}

function envelope(source: string, detailType: string, detail: unknown, resources: string[] = []): unknown {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType,
    source,
    account: '111122223333',
    time: '2026-01-10T12:00:00Z',
    region: 'us-east-1',
    resources,
    detail,
  };
}

/** The menu, in order. */
export const EXAMPLES: readonly Example[] = [
  {
    name: 'EC2 instance stopped or terminated',
    pattern: {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['stopped', 'terminated'] },
    },
    event: envelope(
      'aws.ec2',
      'EC2 Instance State-change Notification',
      { 'instance-id': 'i-0abcd1234ef567890', state: 'running' },
      ['arn:aws:ec2:us-east-1:111122223333:instance/i-0abcd1234ef567890'],
    ),
    target: {
      Id: 'notify',
      InputTransformer: {
        InputPathsMap: { instance: '$.detail.instance-id', state: '$.detail.state' },
        InputTemplate: '"Instance <instance> is now <state>."',
      },
    },
  },
  {
    name: 'S3 object created under a prefix, larger than 1 MB',
    pattern: {
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: ['uploads'] }, object: { key: [{ prefix: 'incoming/' }], size: [{ numeric: ['>', 1048576] }] } },
    },
    event: envelope('aws.s3', 'Object Created', {
      version: '0',
      bucket: { name: 'uploads' },
      object: { key: 'incoming/report.csv', size: 5242880, etag: 'b1946ac92492d2347c6235b4d2611184' },
      reason: 'PutObject',
    }),
    target: { Id: 'copy', InputPath: '$.detail.object' },
  },
  {
    name: 'Orders: numeric range, anything-but and $or',
    pattern: {
      source: ['shop.orders'],
      detail: {
        status: [{ 'anything-but': ['cancelled', 'test'] }],
        $or: [{ total: [{ numeric: ['>=', 100, '<', 1000] }] }, { customer: { tier: ['gold'] } }],
      },
    },
    event: envelope('shop.orders', 'Order Placed', { orderId: 'o-1001', status: 'paid', total: 42.5, customer: { id: 'c-7', tier: 'silver' } }),
    target: {
      Id: 'fulfil',
      InputTransformer: {
        InputPathsMap: { order: '$.detail.orderId', total: '$.detail.total' },
        InputTemplate: '{"order": <order>, "total": <total>, "rule": <aws.events.rule-name>}',
      },
    },
  },
  {
    name: 'Scheduled event',
    pattern: { source: ['aws.events'], 'detail-type': ['Scheduled Event'] },
    event: envelope('aws.events', 'Scheduled Event', {}, ['arn:aws:events:us-east-1:111122223333:rule/nightly']),
    target: { Id: 'job', Input: '{"job":"nightly-report"}' },
  },
  {
    name: 'Suffix, wildcard and equals-ignore-case',
    pattern: {
      source: [{ 'equals-ignore-case': 'Custom.Billing' }],
      detail: { file: [{ suffix: '.pdf' }], path: [{ wildcard: 'invoices/*/2026/*' }] },
    },
    event: envelope('custom.billing', 'Invoice Stored', { file: 'inv-88.pdf', path: 'invoices/acme/2026/03' }),
  },
  {
    name: 'Field absent (exists: false) and an IP range',
    pattern: {
      source: ['aws.signin'],
      detail: { errorMessage: [{ exists: false }], sourceIPAddress: [{ cidr: '10.0.0.0/8' }] },
    },
    event: envelope('aws.signin', 'AWS Console Sign In via CloudTrail', {
      eventName: 'ConsoleLogin',
      sourceIPAddress: '192.0.2.10',
      errorMessage: 'Failed authentication',
    }),
  },
];
