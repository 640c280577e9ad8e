/**
 * A strict, streaming JSON tokenizer that behaves like Jackson's `ReaderBasedJsonParser` with default
 * features, because AWS reports pattern syntax errors with Jackson's words and Jackson's positions
 * (docs/semantics.md §1.7, §4.1). Like Jackson it reads the start of a value together with the field name
 * before it, finishes string tokens lazily, and reports the location of its read pointer.
 * Invariant: no recursion; nesting is an explicit context stack capped at Jackson's depth of 1000.
 * One concept in one file, past 500 lines on purpose: one class, Jackson's tokenizer, whose error
 * texts and positions depend on the exact interplay of its read pointer and lazy tokens.
 */

import { InvalidEventPatternError } from '../errors.js';

/** Token kinds of the stream, as Jackson's `JsonToken` names them. */
export type TokenKind =
  | 'START_OBJECT'
  | 'END_OBJECT'
  | 'START_ARRAY'
  | 'END_ARRAY'
  | 'FIELD_NAME'
  | 'VALUE_STRING'
  | 'VALUE_NUMBER_INT'
  | 'VALUE_NUMBER_FLOAT'
  | 'VALUE_TRUE'
  | 'VALUE_FALSE'
  | 'VALUE_NULL'
  | 'EOF';

/** Jackson's default `StreamReadConstraints` nesting limit. */
export const MAX_NESTING_DEPTH = 1000;

/** Jackson's default limit on the source text echoed in a location (`ErrorReportConfiguration`). */
const MAX_SOURCE_SNIPPET = 500;
/** Jackson's default limit on a token echoed in an "Unrecognized token" message. */
const MAX_ERROR_TOKEN_LENGTH = 256;

const VALID_VALUES = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

const CTX_ROOT = 0;
const CTX_ARRAY = 1;
const CTX_OBJECT = 2;

interface Context {
  readonly type: 0 | 1 | 2;
  /** Entries seen so far minus one, as Jackson's `JsonReadContext._index`. */
  index: number;
  /** Where the opening bracket was (1-based line and column). */
  readonly line: number;
  readonly column: number;
}

const CH_QUOTE = 0x22;
const CH_COMMA = 0x2c;
const CH_COLON = 0x3a;
const CH_SLASH = 0x2f;
const CH_BACKSLASH = 0x5c;
const CH_LBRACKET = 0x5b;
const CH_RBRACKET = 0x5d;
const CH_LCURLY = 0x7b;
const CH_RCURLY = 0x7d;
const CH_0 = 0x30;
const CH_9 = 0x39;

/** Java's `Character.isISOControl` for one UTF-16 code unit. */
function isIsoControl(c: number): boolean {
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f);
}

const IDENT_START = /[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u;
const IDENT_PART = /[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mn}\p{Mc}\p{Cf}]/u;

/** Approximates Java's `Character.isJavaIdentifierStart` for one UTF-16 code unit. */
function isJavaIdentifierStart(c: number): boolean {
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return IDENT_START.test(String.fromCharCode(c));
}

/** Approximates Java's `Character.isJavaIdentifierPart` for one UTF-16 code unit. */
function isJavaIdentifierPart(c: number): boolean {
  if (c >= 0xd800 && c <= 0xdfff) return false;
  // Java counts these "identifier-ignorable" control characters as identifier parts.
  if ((c >= 0 && c <= 8) || (c >= 0x0e && c <= 0x1b) || (c >= 0x7f && c <= 0x9f)) return true;
  return IDENT_PART.test(String.fromCharCode(c));
}

/**
 * Jackson's `_getCharDesc`: how a character is named in an error message.
 *
 * @param c - A UTF-16 code unit.
 * @returns For example `'}' (code 125)` or `(CTRL-CHAR, code 10)`.
 */
export function describeChar(c: number): string {
  if (isIsoControl(c)) return `(CTRL-CHAR, code ${c})`;
  const ch = String.fromCharCode(c);
  if (c > 255) return `'${ch}' (code ${c} / 0x${c.toString(16)})`;
  return `'${ch}' (code ${c})`;
}

/**
 * Jackson's description of a String source: the first 500 code units in double quotes, ISO control
 * characters other than CR and LF escaped as `\uXXXX`, and `[truncated N chars]` when cut.
 *
 * @param text - The whole pattern text.
 * @returns For example `(String)"{"a":1}"`.
 */
export function describeSource(text: string): string {
  const shown = text.length > MAX_SOURCE_SNIPPET ? text.slice(0, MAX_SOURCE_SNIPPET) : text;
  let out = '(String)"';
  for (let i = 0; i < shown.length; i++) {
    const c = shown.charCodeAt(i);
    if (isIsoControl(c) && c !== 0x0a && c !== 0x0d) {
      out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    } else {
      out += shown[i];
    }
  }
  out += '"';
  if (text.length > MAX_SOURCE_SNIPPET) out += `[truncated ${text.length - MAX_SOURCE_SNIPPET} chars]`;
  return out;
}

/**
 * Streaming tokenizer over one pattern text. Call {@link JsonTokenizer.next} for each token; read a
 * string's value with {@link JsonTokenizer.text}. Every problem is thrown as an
 * {@link InvalidEventPatternError} whose suffix is Jackson's location.
 */
export class JsonTokenizer {
  private readonly src: string;
  private readonly len: number;
  /** Jackson's `_inputPtr`: index of the next unread code unit. */
  private pos = 0;
  private row = 1;
  private rowStart = 0;
  private readonly contexts: Context[] = [{ type: CTX_ROOT, index: -1, line: 1, column: 0 }];

  private cur: TokenKind | undefined = undefined;
  /** Start offset of the current token (its first character). */
  private curStart = 0;
  private fieldName = '';
  /** The value token read ahead together with a field name (Jackson's `_nextToken`). */
  private pending: TokenKind | undefined = undefined;
  private pendingStart = 0;
  private pendingLine = 1;
  private pendingColumn = 0;
  /** Set while the current string token has not been read to its closing quote. */
  private stringIncomplete = false;
  private stringValue = '';
  private numberStart = 0;
  private numberEnd = 0;

  /** @param text - The pattern text to read. */
  constructor(text: string) {
    this.src = text;
    this.len = text.length;
  }

  /** {@link describeSource} of the text, for error locations only (built when an error is). */
  private get sourceDesc(): string {
    return describeSource(this.src);
  }

  /** The current token, `undefined` before the first call to {@link next}. */
  get token(): TokenKind | undefined {
    return this.cur;
  }

  /** Offset of the current token's first character in the text. */
  get tokenStart(): number {
    return this.curStart;
  }

  /** Offset just past what has been read so far (Jackson's read pointer). */
  get offset(): number {
    return this.pos;
  }

  /** The current field name (valid while the token is `FIELD_NAME`). */
  get name(): string {
    return this.fieldName;
  }

  /** The location suffix for the current read position, exactly as Jackson appends it. */
  suffix(): string {
    return this.suffixAt(this.pos);
  }

  private suffixAt(ptr: number): string {
    return `\n at [Source: ${this.sourceDesc}; line: ${this.row}, column: ${ptr - this.rowStart + 1}]`;
  }

  /**
   * Throws the error a Jackson `JsonParseException` with this message would produce here.
   *
   * @param reason - The bare reason.
   * @throws InvalidEventPatternError always.
   */
  fail(reason: string): never {
    throw new InvalidEventPatternError(reason, this.suffix(), { line: this.row, column: this.pos - this.rowStart + 1 });
  }

  /** Jackson 2.17+ reports an unexpected character at the character itself (`_currentLocationMinusOne`). */
  private failUnexpectedChar(c: number, comment: string): never {
    this.failAt(`Unexpected character (${describeChar(c)}): ${comment}`, this.pos - 1);
  }

  private failInvalidToken(matched: string): never {
    let token = matched;
    while (this.pos < this.len) {
      const c = this.src.charCodeAt(this.pos);
      if (!isJavaIdentifierPart(c)) break;
      this.pos++;
      token += this.src[this.pos - 1];
      if (token.length >= MAX_ERROR_TOKEN_LENGTH) {
        token += '...';
        break;
      }
    }
    this.fail(`Unrecognized token '${token}': was expecting ${VALID_VALUES}`);
  }

  /**
   * Jackson's `_reportUnexpectedNumberChar`, located one before `ptr`. Its fast number path leaves
   * the read pointer just after the first `.` or `e`, its slow path (numbers starting with `0` or
   * running into the end of the text) just after the offending character.
   */
  private failNumberChar(c: number, comment: string, ptr = this.pos): never {
    this.failAt(`Unexpected character (${describeChar(c)}) in numeric value: ${comment}`, ptr - 1);
  }

  private failAt(reason: string, ptr: number): never {
    throw new InvalidEventPatternError(reason, this.suffixAt(ptr), { line: this.row, column: ptr - this.rowStart + 1 });
  }

  /**
   * The text of the current token as Jackson's `getText()` gives it: a string's decoded value (read
   * to its closing quote first), a number's source text, a field name, or the punctuation.
   *
   * @returns The token's text.
   * @throws InvalidEventPatternError for a malformed string.
   */
  text(): string {
    switch (this.cur) {
      case 'VALUE_STRING':
        if (this.stringIncomplete) this.finishString();
        return this.stringValue;
      case 'VALUE_NUMBER_INT':
      case 'VALUE_NUMBER_FLOAT':
        return this.src.slice(this.numberStart, this.numberEnd);
      case 'FIELD_NAME':
        return this.fieldName;
      case 'START_OBJECT':
        return '{';
      case 'END_OBJECT':
        return '}';
      case 'START_ARRAY':
        return '[';
      case 'END_ARRAY':
        return ']';
      case 'VALUE_TRUE':
        return 'true';
      case 'VALUE_FALSE':
        return 'false';
      case 'VALUE_NULL':
        return 'null';
      default:
        return '';
    }
  }

  /** The source text of the current number token. */
  numberText(): string {
    return this.src.slice(this.numberStart, this.numberEnd);
  }

  /**
   * Advances to the next token (Jackson's `nextToken()`).
   *
   * @returns The new current token; `EOF` at the end of the text.
   * @throws InvalidEventPatternError for any JSON syntax error met on the way.
   */
  next(): TokenKind {
    if (this.cur === 'FIELD_NAME') return this.nextAfterName();
    if (this.stringIncomplete) this.finishString();
    let c = this.skipWhitespace();
    if (c < 0) {
      const ctx = this.context();
      if (ctx.type !== CTX_ROOT) {
        this.fail(
          `Unexpected end-of-input: expected close marker for ${typeDesc(ctx.type)} (start marker at ${this.startLocation(ctx)})`,
        );
      }
      this.curStart = this.pos;
      return (this.cur = 'EOF');
    }
    if (c === CH_RBRACKET || c === CH_RCURLY) {
      this.closeScope(c);
      return this.cur as TokenKind;
    }
    const ctx = this.context();
    ctx.index++;
    if (ctx.type !== CTX_ROOT && ctx.index > 0) {
      if (c !== CH_COMMA) this.failUnexpectedChar(c, `was expecting comma to separate ${typeDesc(ctx.type)} entries`);
      c = this.skipWhitespace();
      if (c < 0) this.fail(`Unexpected end-of-input within/between ${typeDesc(ctx.type)} entries`);
    }
    if (ctx.type === CTX_OBJECT) {
      this.curStart = this.pos - 1;
      if (c !== CH_QUOTE) this.failUnexpectedChar(c, 'was expecting double-quote to start field name');
      this.fieldName = this.readName();
      this.cur = 'FIELD_NAME';
      c = this.skipColon();
      this.pendingStart = this.pos - 1;
      this.pendingLine = this.row;
      this.pendingColumn = this.pos - this.rowStart;
      this.pending = this.readValueStart(c, true);
      return 'FIELD_NAME';
    }
    this.curStart = this.pos - 1;
    this.cur = this.readValueStart(c, false);
    return this.cur;
  }

  /**
   * Checks that only whitespace follows the top-level value. Jackson stops reading after the
   * pattern's object and so event-ruler accepts trailing text (quirk Q12); this project rejects it
   * with a Jackson-style message that points at the first extra character.
   *
   * @throws InvalidEventPatternError if anything but whitespace is left.
   */
  finish(): void {
    const c = this.skipWhitespace();
    if (c >= 0) this.failUnexpectedChar(c, 'expected end-of-input after the top-level object');
  }

  private context(): Context {
    return this.contexts[this.contexts.length - 1] as Context;
  }

  private startLocation(ctx: Context): string {
    return `[Source: ${this.sourceDesc}; line: ${ctx.line}, column: ${ctx.column}]`;
  }

  private nextAfterName(): TokenKind {
    const t = this.pending as TokenKind;
    this.pending = undefined;
    this.curStart = this.pendingStart;
    if (t === 'START_ARRAY') this.pushContext(CTX_ARRAY, this.pendingLine, this.pendingColumn);
    else if (t === 'START_OBJECT') this.pushContext(CTX_OBJECT, this.pendingLine, this.pendingColumn);
    return (this.cur = t);
  }

  private pushContext(type: 1 | 2, line: number, column: number): void {
    if (this.contexts.length > MAX_NESTING_DEPTH) {
      throw new InvalidEventPatternError(
        `Document nesting depth (${this.contexts.length}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
      );
    }
    this.contexts.push({ type, index: -1, line, column });
  }

  private closeScope(c: number): void {
    const ctx = this.context();
    this.curStart = this.pos - 1;
    if (c === CH_RBRACKET) {
      if (ctx.type !== CTX_ARRAY) this.failMismatchedEnd(c, '}', ctx);
      this.cur = 'END_ARRAY';
    } else {
      if (ctx.type !== CTX_OBJECT) this.failMismatchedEnd(c, ']', ctx);
      this.cur = 'END_OBJECT';
    }
    this.contexts.pop();
  }

  private failMismatchedEnd(c: number, expected: string, ctx: Context): never {
    this.failAt(
      `Unexpected close marker '${String.fromCharCode(c)}': expected '${expected}' (for ${typeDesc(ctx.type)} starting at ${this.startLocation(ctx)})`,
      this.pos - 1,
    );
  }

  /** Skips whitespace; returns the next character (consumed) or -1 at the end. */
  private skipWhitespace(): number {
    while (this.pos < this.len) {
      const c = this.src.charCodeAt(this.pos++);
      if (c > 0x20) {
        if (c === CH_SLASH) {
          this.failUnexpectedChar(
            c,
            "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
          );
        }
        return c;
      }
      if (c === 0x20 || c === 0x09) continue;
      if (c === 0x0a) {
        this.row++;
        this.rowStart = this.pos;
      } else if (c === 0x0d) {
        if (this.pos < this.len && this.src.charCodeAt(this.pos) === 0x0a) this.pos++;
        this.row++;
        this.rowStart = this.pos;
      } else {
        this.fail(
          `Illegal character (${describeChar(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`,
        );
      }
    }
    return -1;
  }

  private skipColon(): number {
    let gotColon = false;
    for (;;) {
      const c = this.skipWhitespace();
      if (c < 0) this.fail(`Unexpected end-of-input within/between ${typeDesc(this.context().type)} entries`);
      if (gotColon) return c;
      if (c !== CH_COLON) this.failUnexpectedChar(c, 'was expecting a colon to separate field name and value');
      gotColon = true;
    }
  }

  /** Reads the first token of a value whose first character `c` has been consumed. */
  private readValueStart(c: number, inObject: boolean): TokenKind {
    switch (c) {
      case CH_QUOTE:
        this.stringIncomplete = true;
        this.stringValue = '';
        return 'VALUE_STRING';
      case CH_LBRACKET:
        if (!inObject) this.pushContext(CTX_ARRAY, this.row, this.pos - this.rowStart);
        return 'START_ARRAY';
      case CH_LCURLY:
        if (!inObject) this.pushContext(CTX_OBJECT, this.row, this.pos - this.rowStart);
        return 'START_OBJECT';
      case CH_RCURLY:
        // Only reachable after a colon: closers elsewhere are handled as scope ends.
        this.failUnexpectedChar(c, 'expected a value');
      case 0x74: // t
        this.matchKeyword('true');
        return 'VALUE_TRUE';
      case 0x66: // f
        this.matchKeyword('false');
        return 'VALUE_FALSE';
      case 0x6e: // n
        this.matchKeyword('null');
        return 'VALUE_NULL';
      case 0x2d: // -
        return this.readNumber(true);
      default:
        if (c >= CH_0 && c <= CH_9) return this.readNumber(false);
        return this.oddValue(c);
    }
  }

  /** Jackson's `_matchToken`: the first `from` characters of `word` have been consumed. */
  private matchKeyword(word: string, from = 1): void {
    for (let i = from; i < word.length; i++) {
      if (this.pos >= this.len || this.src[this.pos] !== word[i]) this.failInvalidToken(word.slice(0, i));
      this.pos++;
    }
    if (this.pos < this.len) {
      const c = this.src.charCodeAt(this.pos);
      if (c >= CH_0 && c !== CH_RBRACKET && c !== CH_RCURLY && isJavaIdentifierPart(c)) this.failInvalidToken(word);
    }
  }

  /** Jackson's `_handleOddValue`: everything that cannot start a JSON value. */
  private oddValue(c: number): never {
    if (c === 0x4e /* N */) {
      this.matchKeyword('NaN');
      this.fail("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
    }
    if (c === 0x49 /* I */) {
      this.matchKeyword('Infinity');
      this.fail("Non-standard token 'Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
    }
    if (c === 0x2b /* + */) {
      if (this.pos >= this.len) this.fail('Unexpected end-of-input in a Number value');
      const d = this.src.charCodeAt(this.pos++);
      this.invalidNumberStart(d, false);
    }
    if (isJavaIdentifierStart(c)) this.failInvalidToken(String.fromCharCode(c));
    this.failUnexpectedChar(c, `expected a valid value ${VALID_VALUES}`);
  }

  /** Jackson's `_handleInvalidNumberStart` after a sign; `d` has been consumed. */
  private invalidNumberStart(d: number, negative: boolean): never {
    const sign = negative ? '-' : '+';
    if (d === 0x49 /* I */) {
      if (this.pos >= this.len) this.fail('Unexpected end-of-input in a Number value');
      d = this.src.charCodeAt(this.pos++);
      const word = d === 0x4e /* N */ ? `${sign}INF` : d === 0x6e /* n */ ? `${sign}Infinity` : undefined;
      if (word !== undefined) {
        this.matchKeyword(word, 3);
        this.fail(`Non-standard token '${word}': enable \`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS\` to allow`);
      }
    }
    if (!negative) {
      this.failNumberChar(
        0x2b,
        'JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow',
      );
    }
    this.failNumberChar(d, 'expected digit (0-9) to follow minus sign, for valid numeric value');
  }

  /** Reads a number whose first character (`-` or a digit) has been consumed. */
  private readNumber(negative: boolean): TokenKind {
    const start = this.pos - 1;
    let c: number;
    if (negative) {
      if (this.pos >= this.len) this.fail('Unexpected end-of-inputNo digit following sign');
      c = this.src.charCodeAt(this.pos++);
      if (c === 0x2e /* . */) this.failUnexpectedChar(c, `expected a valid value ${VALID_VALUES}`);
      if (c < CH_0 || c > CH_9) this.invalidNumberStart(c, true);
    } else {
      c = this.src.charCodeAt(start);
    }
    // Integer part; c is its first digit, already consumed.
    if (c === CH_0 && this.pos < this.len) {
      const d = this.src.charCodeAt(this.pos);
      if (d >= CH_0 && d <= CH_9) this.fail('Invalid numeric value: Leading zeroes not allowed');
    }
    // Jackson's fast path (pointer left after the first `.`/`e`) unless the slow one applies.
    const slow = c === CH_0 || this.numberRunsToEnd(this.pos);
    while (this.pos < this.len && isDigit(this.src.charCodeAt(this.pos))) this.pos++;
    let isFloat = false;
    let special = -1;
    if (this.pos < this.len && this.src.charCodeAt(this.pos) === 0x2e) {
      isFloat = true;
      this.pos++;
      special = this.pos;
      if (this.pos >= this.len) this.failNumberChar(0x2e, 'Decimal point not followed by a digit');
      const d = this.src.charCodeAt(this.pos++);
      if (!isDigit(d)) this.failNumberChar(d, 'Decimal point not followed by a digit', slow ? this.pos : special);
      while (this.pos < this.len && isDigit(this.src.charCodeAt(this.pos))) this.pos++;
    }
    if (this.pos < this.len) {
      const e = this.src.charCodeAt(this.pos);
      if (e === 0x65 || e === 0x45) {
        isFloat = true;
        this.pos++;
        if (special < 0) special = this.pos;
        const eof = 'Unexpected end-of-inputexpected a digit for number exponent';
        if (this.pos >= this.len) this.fail(eof);
        let d = this.src.charCodeAt(this.pos++);
        if (d === 0x2d || d === 0x2b) {
          if (this.pos >= this.len) this.fail(eof);
          d = this.src.charCodeAt(this.pos++);
        }
        if (!isDigit(d)) this.failNumberChar(d, 'Exponent indicator not followed by a digit', slow ? this.pos : special);
        while (this.pos < this.len && isDigit(this.src.charCodeAt(this.pos))) this.pos++;
      }
    }
    this.numberStart = start;
    this.numberEnd = this.pos;
    if (this.context().type === CTX_ROOT && this.pos < this.len) {
      const d = this.src.charCodeAt(this.pos++);
      if (d === 0x0a) {
        this.row++;
        this.rowStart = this.pos;
      } else if (d === 0x0d) {
        this.pos--;
      } else if (d !== 0x20 && d !== 0x09) {
        this.failUnexpectedChar(d, 'Expected space separating root-level values');
      }
    }
    return isFloat ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT';
  }

  /** Whether the number whose digits continue at `from` reaches the end of the text. */
  private numberRunsToEnd(from: number): boolean {
    let i = from;
    while (i < this.len) {
      const c = this.src.charCodeAt(i);
      if (!(isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)) return false;
      i++;
    }
    return true;
  }

  /** Reads a field name after its opening quote; leaves the pointer after the closing quote. */
  private readName(): string {
    return this.readStringBody('name', 'Unexpected end-of-input in field name');
  }

  /** Reads the rest of the current string token (Jackson's `_finishString` / `_skipString`). */
  private finishString(): void {
    this.stringIncomplete = false;
    this.stringValue = this.readStringBody('string value', 'Unexpected end-of-input: was expecting closing quote for a string value');
  }

  private readStringBody(what: string, eofMessage: string): string {
    let out = '';
    let runStart = this.pos;
    for (;;) {
      if (this.pos >= this.len) this.fail(eofMessage);
      const c = this.src.charCodeAt(this.pos++);
      if (c === CH_QUOTE) {
        out += this.src.slice(runStart, this.pos - 1);
        return out;
      }
      if (c === CH_BACKSLASH) {
        out += this.src.slice(runStart, this.pos - 1);
        out += this.decodeEscape();
        runStart = this.pos;
      } else if (c < 0x20) {
        this.failAt(
          `Illegal unquoted character (${describeChar(c)}): has to be escaped using backslash to be included in ${what}`,
          this.pos - 1,
        );
      }
    }
  }

  private decodeEscape(): string {
    if (this.pos >= this.len) this.fail('Unexpected end-of-input in character escape sequence');
    const c = this.src.charCodeAt(this.pos++);
    switch (c) {
      case 0x62:
        return '\b';
      case 0x74:
        return '\t';
      case 0x6e:
        return '\n';
      case 0x66:
        return '\f';
      case 0x72:
        return '\r';
      case CH_QUOTE:
      case CH_SLASH:
      case CH_BACKSLASH:
        return String.fromCharCode(c);
      case 0x75: {
        let value = 0;
        for (let i = 0; i < 4; i++) {
          if (this.pos >= this.len) this.fail('Unexpected end-of-input in character escape sequence');
          const h = this.src.charCodeAt(this.pos++);
          const digit = hexValue(h);
          if (digit < 0) this.failUnexpectedChar(h, 'expected a hex-digit for character escape sequence');
          value = (value << 4) | digit;
        }
        return String.fromCharCode(value);
      }
      default:
        this.failAt(`Unrecognized character escape ${describeChar(c)}`, this.pos - 1);
    }
  }
}

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

function hexValue(c: number): number {
  if (c >= CH_0 && c <= CH_9) return c - CH_0;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function typeDesc(type: 0 | 1 | 2): string {
  return type === CTX_ROOT ? 'root' : type === CTX_ARRAY ? 'Array' : 'Object';
}
