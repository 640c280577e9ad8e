/**
 * A JSON number as the engine sees it: its source text plus, when the text is *comparable*
 * (SEMANTICS §2.4: exactly the shortest round-trip decimal of a finite double), that double.
 * Equality of two numbers: both comparable with the same double, or byte-identical text.
 */
export interface JsonNumber {
  /** The number exactly as spelled in the JSON source (`300.0`, `3e2`, `9007199254740993`). */
  readonly text: string;
  /** The double value when the text is comparable (with `-0` normalised to `0`), else `undefined`. */
  readonly value: number | undefined;
}
