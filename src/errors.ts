/**
 * Every AWS-shaped error the library throws, in one place and one idiom, as the AWS SDK v3 shapes
 * its service exceptions: `name` is the AWS error code (`ValidationException`, ...), `message` is
 * AWS's text, so emulators put both on the wire unchanged. The codes form the string union
 * {@link EventBridgeErrorCode}; {@link isEventBridgeError} recognises these errors where
 * `instanceof` cannot (another realm, or a second copy of this package loaded as CommonJS and ESM).
 */

/**
 * The AWS error codes this library throws or may throw: EventBridge's own (API model
 * `events/2015-10-07`) and those of the AWS JSON protocol front end.
 */
export type EventBridgeErrorCode =
  // EventBridge operations.
  | 'AccessDeniedException'
  | 'ConcurrentModificationException'
  | 'IllegalStatusException'
  | 'InternalException'
  | 'InvalidEventPatternException'
  | 'InvalidStateException'
  | 'LimitExceededException'
  | 'ManagedRuleException'
  | 'OperationDisabledException'
  | 'PolicyLengthExceededException'
  | 'ResourceAlreadyExistsException'
  | 'ResourceNotFoundException'
  | 'ThrottlingException'
  | 'ValidationException'
  // The JSON protocol: requests that never reach an operation.
  | 'RequestEntityTooLargeException'
  | 'RequestTimeoutException'
  | 'SerializationException'
  | 'UnknownOperationException';

/** Marks every {@link EventBridgeError}; `Symbol.for` keys are shared by all realms and copies. */
const BRAND: unique symbol = Symbol.for('eventbridge-matcher.EventBridgeError');

/**
 * Base class of every AWS-shaped error the library throws.
 *
 * `name` is AWS's error code (the `__type` of the JSON 1.1 protocol), `statusCode` the HTTP status
 * AWS answers with. Test for it with {@link isEventBridgeError} when the error may come from
 * another copy of the package.
 *
 * @typeParam C - The error code, narrowed by subclasses (e.g. `InvalidEventPatternException`).
 */
export class EventBridgeError<C extends EventBridgeErrorCode = EventBridgeErrorCode> extends Error {
  override readonly name: C;
  /** HTTP status AWS uses for this error. */
  readonly statusCode: number;
  /** Brand read by {@link isEventBridgeError}. */
  declare readonly [BRAND]: true;

  /**
   * @param name - AWS error code, for example `ValidationException`.
   * @param message - AWS's message text.
   * @param statusCode - HTTP status; 400 unless given.
   */
  constructor(name: C, message: string, statusCode = 400) {
    super(message);
    this.name = name;
    this.statusCode = statusCode;
  }
}
Object.defineProperty(EventBridgeError.prototype, BRAND, { value: true });

/**
 * Whether a value is an {@link EventBridgeError}, optionally of one code. Unlike `instanceof`, it
 * holds for errors made by another copy of this package or in another realm.
 *
 * @param value - Anything, typically what a `catch` caught.
 * @param code - When given, the code the error must have.
 * @returns `true` for an EventBridgeError (of that code).
 *
 * @example
 * ```ts
 * try {
 *   parsePattern('{"source":[]}');
 * } catch (e) {
 *   if (isEventBridgeError(e, 'InvalidEventPatternException')) e.message; // 'Event pattern is not valid. Reason: ...'
 * }
 * ```
 */
export function isEventBridgeError<C extends EventBridgeErrorCode = EventBridgeErrorCode>(
  value: unknown,
  code?: C,
): value is EventBridgeError<C> {
  if (typeof value !== 'object' || value === null) return false;
  if (!(value instanceof EventBridgeError) && (value as { [BRAND]?: unknown })[BRAND] !== true) return false;
  const { name, statusCode } = value as { name?: unknown; statusCode?: unknown };
  return typeof name === 'string' && typeof statusCode === 'number' && (code === undefined || name === code);
}

/** Where in the pattern text an error was found (1-based, as AWS prints it). */
export interface PatternLocation {
  readonly line: number;
  readonly column: number;
}

/**
 * An event pattern AWS would reject.
 *
 * `message` is exactly what AWS returns: `Event pattern is not valid. Reason: <reason>`, followed
 * where AWS adds one by the parser's location suffix
 * (`\n at [Source: (String)"<pattern>"; line: L, column: C]`, sometimes twice). `reason` holds the
 * bare reason.
 */
export class InvalidEventPatternError extends EventBridgeError<'InvalidEventPatternException'> {
  /** The reason alone, without prefix or location suffix. */
  readonly reason: string;
  /** Location of the offending token, when the error carries one. */
  readonly location: PatternLocation | undefined;

  /**
   * @param reason - The bare reason, e.g. `Empty arrays are not allowed`.
   * @param suffix - The location suffix(es) exactly as AWS appends them, or `''`.
   * @param location - Line and column of the offending token, if known.
   */
  constructor(reason: string, suffix = '', location?: PatternLocation) {
    super('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}${suffix}`);
    this.reason = reason;
    this.location = location;
  }
}
