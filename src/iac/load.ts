/**
 * {@link loadRules}: every rule a piece of infrastructure code deploys, whatever the tool. Tells
 * the format from the content (see {@link detectFormat}) unless told.
 */

import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readDocument } from './document.js';
import type { SourceDocument } from './document.js';
import { Collector } from './collect.js';
import { collectTemplate } from './cloudformation.js';
import { collectCdk, readSourceFile } from './cdk.js';
import { collectServerless } from './serverless.js';
import { collectTerraform } from './terraform.js';
import { detectFormat, isCdkManifest, isSamTemplate } from './detect.js';
import { InfrastructureError } from './types.js';
import type { Infrastructure, InfrastructureFormat, InfrastructureRule, InfrastructureText, LoadRulesOptions } from './types.js';

/**
 * Loads every rule of a template, cloud assembly, `serverless.yml` or Terraform plan/state JSON.
 *
 * @example
 * ```ts
 * import { loadRules } from 'eventbridge-matcher/iac';
 * const rules = await loadRules('template.yaml', { params: { Stage: 'prod' } });
 * for (const rule of rules) console.log(rule.name, rule.bus, rule.pattern);
 * ```
 *
 * @param source - A file path, a `cdk.out` directory, or `{ text, file }` (not a cloud assembly).
 * @param options - Parameter values, a forced format, region and account.
 * @returns The rules in the order the files define them.
 * @throws {@link InfrastructureError} for an unreadable or unknown source, or a value a rule needs
 *   that cannot be resolved (the message names the file, line, rule and path).
 */
export async function loadRules(source: string | InfrastructureText, options: LoadRulesOptions = {}): Promise<InfrastructureRule[]> {
  return (await loadInfrastructure(source, options)).rules;
}

/**
 * Like {@link loadRules}, with the event buses the code creates or names and the files read.
 *
 * @param source - A file path, a `cdk.out` directory, or `{ text, file }`.
 * @param options - As for {@link loadRules}.
 * @returns Rules, buses and files.
 * @throws {@link InfrastructureError} as {@link loadRules} does.
 */
export async function loadInfrastructure(source: string | InfrastructureText, options: LoadRulesOptions = {}): Promise<Infrastructure> {
  if (typeof source !== 'string') return parseInfrastructure(source.text, source.file ?? '<text>', options);
  let isDirectory = false;
  try {
    isDirectory = (await stat(source)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InfrastructureError(`cannot read ${source}: ${code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
  }
  const doc = await readSourceFile(isDirectory ? join(source, 'manifest.json') : source);
  const format = options.format ?? detectFormat(doc.value);
  const into = new Collector();
  into.files.push(doc.file);
  if (format === 'cdk' && isCdkManifest(doc.value)) {
    await collectCdk(doc, options, into);
    return into.result();
  }
  collectDocument(doc, format, options, into);
  return into.result();
}

/**
 * Reads infrastructure code from text (a template, `serverless.yml` or Terraform JSON; a cloud
 * assembly needs its directory: use {@link loadInfrastructure}).
 *
 * @param text - The file's content.
 * @param file - Its name, for locations.
 * @param options - As for {@link loadRules}.
 * @returns Rules, buses and files.
 * @throws {@link InfrastructureError} as {@link loadRules} does.
 */
export function parseInfrastructure(text: string, file: string, options: LoadRulesOptions = {}): Infrastructure {
  const doc = readDocument(text, file);
  const into = new Collector();
  into.files.push(file);
  collectDocument(doc, options.format ?? detectFormat(doc.value), options, into);
  return into.result();
}

function collectDocument(doc: SourceDocument, format: InfrastructureFormat | undefined, options: LoadRulesOptions, into: Collector): void {
  switch (format) {
    case 'cloudformation':
    case 'sam':
    case 'cdk':
      collectTemplate(
        doc,
        doc.value,
        {
          format: format === 'cdk' ? 'cdk' : isSamTemplate(doc.value) ? 'sam' : 'cloudformation',
          stackName: options.params?.['AWS::StackName'] ?? stackNameOf(doc.file),
          params: options.params ?? {},
          region: options.region ?? 'us-east-1',
          accountId: options.accountId ?? '123456789012',
        },
        into,
      );
      return;
    case 'serverless':
      collectServerless(doc, options, into);
      return;
    case 'terraform':
      collectTerraform(doc, into);
      return;
    default:
      throw new InfrastructureError(
        'not a CloudFormation or SAM template, CDK cloud assembly, serverless.yml or Terraform JSON (terraform show -json)',
        { file: doc.file, line: 1 },
      );
  }
}

function stackNameOf(file: string): string {
  const name = basename(file).replace(/\.(template\.)?(json|ya?ml|template)$/i, '');
  return name === '' ? 'stack' : name;
}
