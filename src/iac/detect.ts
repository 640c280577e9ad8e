/**
 * Tells which tool wrote a parsed file, from its top-level shape. Loads no parser, so the CLI can
 * ask before deciding to load the `yaml` package.
 */

import type { InfrastructureFormat } from './types.js';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * True when a parsed file looks like a CloudFormation or SAM template.
 *
 * @param value - A parsed file.
 * @returns Whether it has `AWSTemplateFormatVersion`, or `Resources` whose entries all have a `Type`.
 */
export function isTemplate(value: unknown): boolean {
  const top = record(value);
  if (top === undefined) return false;
  if (top['AWSTemplateFormatVersion'] !== undefined) return true;
  const resources = record(top['Resources']);
  if (resources === undefined) return false;
  const entries = Object.values(resources);
  return entries.length > 0 && entries.every((r) => typeof record(r)?.['Type'] === 'string');
}

/**
 * True when a template uses the SAM transform.
 *
 * @param template - A parsed template.
 * @returns Whether `Transform` names `AWS::Serverless-2016-10-31`.
 */
export function isSamTemplate(template: unknown): boolean {
  const transform = record(template)?.['Transform'];
  const names = Array.isArray(transform) ? transform : [transform];
  return names.some((name) => typeof name === 'string' && name.startsWith('AWS::Serverless'));
}

/**
 * True when a parsed file looks like a `serverless.yml`.
 *
 * @param value - A parsed file.
 * @returns Whether it has `service` and `functions` or `provider`.
 */
export function isServerless(value: unknown): boolean {
  const top = record(value);
  return top !== undefined && top['service'] !== undefined && (top['functions'] !== undefined || top['provider'] !== undefined);
}

/**
 * True when a parsed file is `terraform show -json` output.
 *
 * @param value - A parsed file.
 * @returns Whether it has `format_version` and `planned_values` or `values`.
 */
export function isTerraform(value: unknown): boolean {
  const top = record(value);
  return top !== undefined && top['format_version'] !== undefined && (top['planned_values'] !== undefined || top['values'] !== undefined);
}

/**
 * True when a parsed file is a CDK cloud assembly manifest.
 *
 * @param value - A parsed file.
 * @returns Whether it has `version` and `artifacts`.
 */
export function isCdkManifest(value: unknown): boolean {
  const top = record(value);
  return top !== undefined && top['version'] !== undefined && record(top['artifacts']) !== undefined;
}

/**
 * Tells which tool wrote a parsed file.
 *
 * @param value - The parsed file.
 * @returns Its format (`cdk` for a cloud assembly manifest), or `undefined` for none of them.
 */
export function detectFormat(value: unknown): InfrastructureFormat | undefined {
  if (isTemplate(value)) return isSamTemplate(value) ? 'sam' : 'cloudformation';
  if (isServerless(value)) return 'serverless';
  if (isTerraform(value)) return 'terraform';
  if (isCdkManifest(value)) return 'cdk';
  return undefined;
}
