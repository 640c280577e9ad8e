/**
 * Shapes of target input: the members of an EventBridge `Target` that decide what the target
 * receives, and the context of one delivery. PascalCase as in the AWS API, so a target built for
 * `@aws-sdk/client-eventbridge` (or returned by ListTargetsByRule) can be passed as it is.
 */

/** AWS `InputTransformer`. */
export interface InputTransformer {
  /** Variable name to JSONPath, at most 100 entries. Names match `[A-Za-z0-9_-]+`. */
  readonly InputPathsMap?: Readonly<Record<string, string>> | undefined;
  /** The template: JSON (first character `{` or `[`) or text, with `<name>` placeholders. */
  readonly InputTemplate: string;
}

/**
 * The members of a target that shape its input. At most one of `Input`, `InputPath` and
 * `InputTransformer` may be set; with none the target receives the whole event.
 */
export interface TargetInputSpec {
  /** The target id, used in error messages. */
  readonly Id?: string | undefined;
  /** Constant JSON text sent instead of the event. */
  readonly Input?: string | undefined;
  /** JSONPath of the part of the event to send, e.g. `$.detail`. */
  readonly InputPath?: string | undefined;
  /** Variables taken from the event and a template to put them in. */
  readonly InputTransformer?: InputTransformer | undefined;
}

/** What a delivery knows besides the event: the values of the predefined template variables. */
export interface TargetInputContext {
  /** `<aws.events.rule-name>`. Default `''`. */
  readonly ruleName?: string | undefined;
  /** `<aws.events.rule-arn>`. Default `''`. */
  readonly ruleArn?: string | undefined;
  /**
   * `<aws.events.event.ingestion-time>`: when EventBridge received the event, written as ISO 8601
   * with second precision (`2024-01-01T00:00:00Z`). A `Date` or a date string; default: the
   * event's own `time`.
   */
  readonly ingestionTime?: Date | string | undefined;
}

/** A PutTargets check that failed: AWS's error code and message. */
export interface TargetInputProblem {
  /** `ValidationException`, or `SerializationException` for a member of the wrong JSON type. */
  readonly code: 'ValidationException' | 'SerializationException';
  /** AWS's message, e.g. `InputTemplate for target t1 contains invalid placeholder x.` */
  readonly message: string;
}
