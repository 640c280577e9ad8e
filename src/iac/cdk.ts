/**
 * Rules of a CDK cloud assembly (`cdk.out/`): every stack template its `manifest.json` lists, the
 * nested stacks those templates create (CDK records each nested template's file in the
 * `aws:asset:path` metadata), and nested assemblies (stages).
 */

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readDocument } from './document.js';
import type { SourceDocument } from './document.js';
import { Collector } from './collect.js';
import { collectTemplate } from './cloudformation.js';
import { InfrastructureError } from './types.js';
import type { LoadRulesOptions } from './types.js';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * True when a parsed file is a cloud assembly manifest.
 *
 * @param value - A parsed file.
 * @returns Whether it has `version` and `artifacts`.
 */
export function isCdkManifest(value: unknown): boolean {
  const top = record(value);
  return top['version'] !== undefined && typeof top['artifacts'] === 'object' && top['artifacts'] !== null;
}

/**
 * Reads a file of the assembly.
 *
 * @param path - The file.
 * @returns The read document.
 * @throws {@link InfrastructureError} when it cannot be read or parsed.
 */
export async function readSourceFile(path: string): Promise<SourceDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InfrastructureError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
  }
  return readDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path);
}

/**
 * Reads the rules of a cloud assembly into a collector.
 *
 * @param manifest - The read `manifest.json`.
 * @param options - Params, region, account.
 * @param into - Where rules and buses go.
 * @param depth - Nesting of assemblies so far (a loop stops at 20).
 */
export async function collectCdk(manifest: SourceDocument, options: LoadRulesOptions, into: Collector, depth = 0): Promise<void> {
  const dir = dirname(manifest.file);
  const artifacts = record(record(manifest.value)['artifacts']);
  for (const [id, artifactValue] of Object.entries(artifacts)) {
    const artifact = record(artifactValue);
    const properties = record(artifact['properties']);
    if (artifact['type'] === 'aws:cloudformation:stack') {
      const templateFile = properties['templateFile'];
      if (typeof templateFile !== 'string') continue;
      const stackName = typeof properties['stackName'] === 'string' ? properties['stackName'] : id;
      await collectStack(join(dir, templateFile), dir, stackName, options.params ?? {}, options, into, 0);
    } else if (artifact['type'] === 'cdk:cloud-assembly' && typeof properties['directoryName'] === 'string' && depth < 20) {
      const nested = await readSourceFile(join(dir, properties['directoryName'], 'manifest.json'));
      into.files.push(nested.file);
      await collectCdk(nested, options, into, depth + 1);
    }
  }
}

async function collectStack(
  file: string,
  dir: string,
  stackName: string,
  params: Readonly<Record<string, string>>,
  options: LoadRulesOptions,
  into: Collector,
  depth: number,
): Promise<void> {
  const doc = await readSourceFile(file);
  into.files.push(doc.file);
  const nested = collectTemplate(
    doc,
    doc.value,
    { format: 'cdk', stackName, params, region: options.region ?? 'us-east-1', accountId: options.accountId ?? '123456789012' },
    into,
  );
  if (depth >= 20) return;
  for (const stack of nested) {
    if (stack.assetPath === undefined) continue;
    await collectStack(join(dir, stack.assetPath), dir, `${stackName}-${stack.logicalId}`, { ...options.params, ...stack.parameters }, options, into, depth + 1);
  }
}
