/**
 * Options of `Matcher.match`.
 */

/** Options of one `Matcher.match` call. */
export interface MatchOptions {
  /**
   * The event text is known to be valid JSON (for example an envelope the library built itself from
   * validated parts). Parts of the text that no rule reads are then not validated character by
   * character: a container the one-call validating skip cannot take is passed by counting brackets,
   * and once every top-level key rules read has been read, the scan ends at the next top-level
   * container (before one no rule reads, or after one it read) past which no later key can be one
   * of them (a repeated key counts), which is faster on events with large unused parts. An event
   * that lacks a top-level key rules read is read to its end.
   *
   * What rules read is still checked. On malformed text the answer is unspecified, but the call
   * still returns or throws `InvalidEventError`, and it never hangs or crashes. Without this option
   * (the default) malformed text always throws. Ignored for events given as objects.
   */
  readonly trusted?: boolean;
}
