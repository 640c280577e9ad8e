/**
 * Error classes. Every error this library throws on purpose is an {@link EventBridgeError}: its
 * `name` is the AWS error code (`ValidationException`, `InvalidEventPatternException`, ...) and its
 * `message` is AWS's text, so emulators can put both on the wire unchanged.
 */

/**
 * Base class of every AWS-shaped error the library throws.
 *
 * `name` is AWS's error code (the `__type` of the JSON 1.1 protocol), `statusCode` the HTTP status
 * AWS answers with.
 */
export class EventBridgeError extends Error {
  override readonly name: string;
  /** HTTP status AWS uses for this error. */
  readonly statusCode: number;

  /**
   * @param name - AWS error code, for example `ValidationException`.
   * @param message - AWS's message text.
   * @param statusCode - HTTP status; 400 unless given.
   */
  constructor(name: string, message: string, statusCode = 400) {
    super(message);
    this.name = name;
    this.statusCode = statusCode;
  }
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
export class InvalidEventPatternError extends EventBridgeError {
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
