/**
 * Public shapes of `eventbridge-matcher/iac`: the rules and buses read from infrastructure code
 * (CloudFormation, SAM, CDK cloud assemblies, Serverless Framework, Terraform JSON), the options of
 * {@link loadRules}, and the error raised for a source that cannot be read or resolved.
 *
 * @packageDocumentation
 */

/** The kind of file a rule came from. */
export type InfrastructureFormat = 'cloudformation' | 'sam' | 'cdk' | 'serverless' | 'terraform';

/** Where a rule, bus or pattern was written. */
export interface SourceLocation {
  /** The file, as the path was given (a template inside `cdk.out/` is that directory joined with the file). */
  readonly file: string;
  /** 1-based line of the definition in that file (the logical id, the event entry or the resource). */
  readonly line: number;
}

/** An input transformer of a target: `InputPathsMap` and `InputTemplate` as EventBridge takes them. */
export interface InfrastructureInputTransformer {
  readonly inputPathsMap?: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

/** A target of a rule, with what it sends: the event, a constant `input`, an `inputPath` or a transformer. */
export interface InfrastructureTarget {
  /** The target's Id (the generated one for SAM and Serverless events). */
  readonly id: string;
  /** The ARN as far as it resolves; unresolvable parts are written `${LogicalId.Attribute}`. */
  readonly arn?: string;
  /** Constant JSON text sent instead of the event. */
  readonly input?: string;
  /** JSONPath of the part of the event to send. */
  readonly inputPath?: string;
  readonly inputTransformer?: InfrastructureInputTransformer;
}

/** A rule as the infrastructure code deploys it. */
export interface InfrastructureRule {
  /**
   * The rule's name: its `Name` (`RuleName`, `name`) when the code gives one, otherwise the logical
   * id (CloudFormation, SAM, CDK), the generated name (Serverless) or the resource address (Terraform).
   */
  readonly name: string;
  /** CloudFormation logical id, Terraform resource address, or Serverless generated logical id. */
  readonly logicalId: string;
  /** CDK construct path (`Stack/Construct`) when the template records one. */
  readonly constructPath?: string;
  /** The event bus name (`default` unless the code names another; an ARN is reduced to its name). */
  readonly bus: string;
  /** The event pattern as JSON text, or `undefined` for a schedule-only rule. */
  readonly pattern?: string;
  /** The schedule expression (`rate(...)`, `cron(...)`), if any. */
  readonly schedule?: string;
  /** `ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`. */
  readonly state: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  readonly targets: readonly InfrastructureTarget[];
  readonly format: InfrastructureFormat;
  /** Where the rule is defined. */
  readonly location: SourceLocation;
  /** Where the pattern itself starts (its key's line), when there is a pattern. */
  readonly patternLocation?: SourceLocation;
  /**
   * For a pattern written as YAML/JSON structure (not as a JSON string): each member key's offset
   * in `pattern` (UTF-16 code units) and the line it is written on in `location.file`, in offset
   * order. Maps a location inside the pattern text (AWS's error locations) to the file.
   */
  readonly patternKeyLines?: readonly PatternKeyLine[];
}

/** Where a member key of a pattern starts in the pattern text, and its line in the file. */
export interface PatternKeyLine {
  readonly offset: number;
  readonly line: number;
}

/** An event bus the infrastructure code creates, or names in a rule. */
export interface InfrastructureBus {
  readonly name: string;
  /** Where it is defined; absent for a bus only named by a rule. */
  readonly location?: SourceLocation;
}

/** Everything one source defines. */
export interface Infrastructure {
  readonly rules: InfrastructureRule[];
  /** The buses, `default` excluded, in order of first appearance. */
  readonly buses: InfrastructureBus[];
  /** Each file read, in order. */
  readonly files: string[];
}

/** An in-memory source: the text and the name to report it under. */
export interface InfrastructureText {
  readonly text: string;
  /** Used in locations and messages, and to tell the format when `format` is not given. */
  readonly file?: string;
}

/** Options of {@link loadRules}. */
export interface LoadRulesOptions {
  /**
   * CloudFormation parameter values (over their `Default`), Serverless `${opt:…}` options, and
   * anything else the source leaves to deploy time. The CLI's `--param Key=Value` fills this.
   */
  readonly params?: Readonly<Record<string, string>>;
  /** Skip detection and read the source as this format. */
  readonly format?: InfrastructureFormat;
  /** `AWS::Region` and the region in ARNs (default `us-east-1`). */
  readonly region?: string;
  /** `AWS::AccountId` and the account in ARNs (default `123456789012`). */
  readonly accountId?: string;
}

/**
 * Infrastructure code that cannot be turned into rules: unreadable, not a known format, or an
 * intrinsic or variable that cannot be resolved where a rule needs a value. The message names the
 * file and line, the rule and the path inside it.
 */
export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';
  /** The file and line the problem is at, when known. */
  readonly location: SourceLocation | undefined;
  /** The rule concerned, when there is one. */
  readonly rule: string | undefined;

  constructor(message: string, location?: SourceLocation, rule?: string, options?: ErrorOptions) {
    super(location === undefined ? message : `${location.file}:${location.line}: ${message}`, options);
    this.location = location;
    this.rule = rule;
  }
}
