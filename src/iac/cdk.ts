/**
 * Rules of a CDK cloud assembly (`cdk.out/`): every stack template its `manifest.json` lists, the
 * nested stacks those templates create, and nested assemblies (stages). A nested stack's template
 * file is found from its `aws:asset:path` metadata (written when asset metadata is on, as the cdk
 * CLI has it by default), else from the asset manifests: the file whose upload key ends the
 * stack's `TemplateURL`.
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
  const assets = await assetFiles(dir, artifacts);
  for (const [id, artifactValue] of Object.entries(artifacts)) {
    const artifact = record(artifactValue);
    const properties = record(artifact['properties']);
    if (artifact['type'] === 'aws:cloudformation:stack') {
      const templateFile = properties['templateFile'];
      if (typeof templateFile !== 'string') continue;
      const stackName = typeof properties['stackName'] === 'string' ? properties['stackName'] : id;
      await collectStack(join(dir, templateFile), { dir, assets, options, into }, stackName, options.params ?? {}, 0);
    } else if (artifact['type'] === 'cdk:cloud-assembly' && typeof properties['directoryName'] === 'string' && depth < 20) {
      const nested = await readSourceFile(join(dir, properties['directoryName'], 'manifest.json'));
      into.files.push(nested.file);
      await collectCdk(nested, options, into, depth + 1);
    }
  }
}

/** Upload key (`<hash>.json`) to source file, from every asset manifest of the assembly. */
async function assetFiles(dir: string, artifacts: Record<string, unknown>): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const artifactValue of Object.values(artifacts)) {
    const artifact = record(artifactValue);
    const file = record(artifact['properties'])['file'];
    if (artifact['type'] !== 'cdk:asset-manifest' || typeof file !== 'string') continue;
    const doc = await readSourceFile(join(dir, file));
    for (const assetValue of Object.values(record(record(doc.value)['files']))) {
      const asset = record(assetValue);
      const path = record(asset['source'])['path'];
      if (typeof path !== 'string') continue;
      for (const destination of Object.values(record(asset['destinations']))) {
        const key = record(destination)['objectKey'];
        if (typeof key === 'string') files.set(key, path);
      }
    }
  }
  return files;
}

interface AssemblyContext {
  readonly dir: string;
  readonly assets: Map<string, string>;
  readonly options: LoadRulesOptions;
  readonly into: Collector;
}

async function collectStack(
  file: string,
  assembly: AssemblyContext,
  stackName: string,
  params: Readonly<Record<string, string>>,
  depth: number,
): Promise<void> {
  const { dir, options, into } = assembly;
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
    let path = stack.assetPath;
    if (path === undefined && stack.templateUrl !== undefined) {
      for (const [key, source] of assembly.assets) {
        if (stack.templateUrl.endsWith(`/${key}`)) path = source;
      }
    }
    if (path === undefined) continue;
    await collectStack(join(dir, path), assembly, `${stackName}-${stack.logicalId}`, { ...options.params, ...stack.parameters }, depth + 1);
  }
}
