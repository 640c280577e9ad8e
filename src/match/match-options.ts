/**
 * Options of `Matcher.match`.
 */

/** Options of one `Matcher.match` call. */
export interface MatchOptions {
  /**
   * The event text is known to be valid JSON (for example an envelope the library built itself from
   * validated parts). Parts of the text that no rule reads are then not validated character by
   * character: a container the one-call validating skip cannot take is passed by counting brackets,
   * and the scan ends at a top-level comma once no later key can be one a rule reads (a repeated
   * key counts), which is faster on events with large unused parts.
   *
   * What rules read is still checked. On malformed text the answer is unspecified, but the call
   * still returns or throws `InvalidEventError`, and it never hangs or crashes. Without this option
   * (the default) malformed text always throws. Ignored for events given as objects.
   */
  readonly trusted?: boolean;
}
