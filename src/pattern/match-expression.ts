/**
 * Reads one operator object of a leaf array (`{"prefix":"a"}`, `{"numeric":[">",1]}`, ...) from the
 * token stream, token by token in event-ruler's `JsonRuleCompiler.processMatchExpression` order, so
 * the first problem is reported with the same text and at the same position as AWS (docs/semantics.md §3,
 * §4.2), including the misleading texts and doubled location suffixes it is known for.
 */

import { InvalidEventPatternError } from '../errors.js';
import { CidrError, parseCidr, parseIpAddress } from '../values/ip.js';
import { numberFromText } from '../values/json-number.js';
import type { JsonNumber } from '../values/json-number.js';
import { checkWildcard } from '../values/wildcard.js';
import { javaHashSetOrder } from './java-hash-set.js';
import type { AnythingButMatcher, LeafMatcher } from './ast.js';
import type { JsonTokenizer, TokenKind } from './tokenizer.js';

/**
 * A pattern error that has no location yet (event-ruler raises it as a Java
 * `IllegalArgumentException`): a caller either re-reports it at the parser's position, or, when
 * nothing catches it, it reaches AWS's answer without a location suffix. Internal: it always leaves
 * the pattern reader as an {@link InvalidEventPatternError}.
 */
export class UnlocatedPatternError extends Error {
  override readonly name = 'UnlocatedPatternError';
  /** The bare reason. */
  readonly reason: string;

  /** @param reason - The bare reason, e.g. `Cannot compare number : 1e400`. */
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

const PREFIX = 'Event pattern is not valid. Reason: ';

/** The location suffix(es) an error carries, recovered from its message. */
function suffixOf(e: InvalidEventPatternError): string {
  return e.message.slice(PREFIX.length + e.reason.length);
}

/**
 * event-ruler's `catch (IllegalArgumentException | IOException e) { barf(parser, e.getMessage()); }`:
 * the caught message, location included, gets the current location appended once more.
 */
function rebarf(tk: JsonTokenizer, e: unknown): never {
  if (e instanceof InvalidEventPatternError) {
    throw new InvalidEventPatternError(e.reason, suffixOf(e) + tk.suffix(), e.location);
  }
  if (e instanceof UnlocatedPatternError) tk.fail(e.reason);
  throw e;
}

function isNumberToken(t: TokenKind): boolean {
  return t === 'VALUE_NUMBER_INT' || t === 'VALUE_NUMBER_FLOAT';
}

/** ComparableNumber.generate: a number event-ruler cannot order is an IllegalArgumentException. */
function comparable(text: string): JsonNumber & { value: number } {
  const n = numberFromText(text);
  if (n.value === undefined) throw new UnlocatedPatternError(`Cannot compare number : ${text}`);
  return n as JsonNumber & { value: number };
}

/**
 * Drops the whitespace outside strings from a piece of valid JSON text, so that a matcher's
 * `source` does not depend on how the pattern was laid out.
 *
 * @param text - JSON text that the tokenizer has accepted.
 * @returns The same text without insignificant whitespace.
 */
export function compactJson(text: string): string {
  let out = '';
  let inString = false;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      out += text.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return out + text.slice(runStart);
}

/**
 * Reads an operator object. The current token must be its `START_OBJECT`; on return the current
 * token is its `END_OBJECT`.
 *
 * @param tk - The token stream.
 * @param source - Returns the compact JSON text of the expression once it has been read.
 * @returns The matcher.
 * @throws InvalidEventPatternError for the first problem, as AWS words and places it.
 * @throws UnlocatedPatternError for problems AWS reports without a location (cidr, single anything-but number).
 */
export function readMatchExpression(tk: JsonTokenizer, source: () => string): LeafMatcher {
  if (tk.next() !== 'FIELD_NAME') tk.fail('Match expression name not found');
  const op = tk.name;
  switch (op) {
    case 'exactly': {
      if (tk.next() !== 'VALUE_STRING') tk.fail('exact match pattern must be a string');
      const value = tk.text();
      expectEnd(tk, 'Only one key allowed in match expression');
      return { kind: 'exactly', value, source: source() };
    }
    case 'prefix':
    case 'suffix': {
      const t = tk.next();
      if (t === 'START_OBJECT') return readIgnoreCaseAffix(tk, op, source);
      if (t !== 'VALUE_STRING') tk.fail(`${op} match pattern must be a string`);
      const value = tk.text();
      expectEnd(tk, 'Only one key allowed in match expression');
      return { kind: op, value, ignoreCase: false, source: source() };
    }
    case 'numeric': {
      if (tk.next() !== 'START_ARRAY') tk.fail('Value of numeric must be an array.');
      const range = readNumericRange(tk);
      expectEnd(tk, 'Too many elements in numeric expression');
      return { kind: 'numeric', ...range, source: source() };
    }
    case 'anything-but':
      return readAnythingBut(tk, source);
    case 'exists': {
      const t = tk.next();
      if (t !== 'VALUE_TRUE' && t !== 'VALUE_FALSE') tk.fail('exists match pattern must be either true or false.');
      expectEnd(tk, 'Only one key allowed in match expression');
      return { kind: 'exists', value: t === 'VALUE_TRUE', source: source() };
    }
    case 'cidr': {
      if (tk.next() !== 'VALUE_STRING') tk.fail('prefix match pattern must be a string');
      let range;
      try {
        range = parseCidr(tk.text());
      } catch (e) {
        if (e instanceof CidrError) throw new UnlocatedPatternError(e.reason);
        throw e;
      }
      expectEnd(tk, 'Only one key allowed in match expression');
      return { kind: 'cidr', range, source: source() };
    }
    case 'equals-ignore-case': {
      if (tk.next() !== 'VALUE_STRING') tk.fail('equals-ignore-case match pattern must be a string');
      const value = tk.text();
      expectEnd(tk, 'Only one key allowed in match expression');
      return { kind: 'equals-ignore-case', value, source: source() };
    }
    case 'wildcard': {
      if (tk.next() !== 'VALUE_STRING') tk.fail('wildcard match pattern must be a string');
      const value = tk.text();
      const problem = checkWildcard(value);
      if (problem !== undefined) tk.fail(problem);
      expectEnd(tk, 'Only one key allowed in match expression');
      return { kind: 'wildcard', value, source: source() };
    }
    default:
      tk.fail(`Unrecognized match type ${op}`);
  }
}

function expectEnd(tk: JsonTokenizer, reason: string): void {
  if (tk.next() !== 'END_OBJECT') tk.fail(reason);
}

/** `{"prefix":{"equals-ignore-case":"x"}}` and the suffix form; current token is the inner `{`. */
function readIgnoreCaseAffix(tk: JsonTokenizer, op: 'prefix' | 'suffix', source: () => string): LeafMatcher {
  const label = op === 'prefix' ? 'Prefix' : 'Suffix';
  if (tk.next() !== 'FIELD_NAME') tk.fail(`${label} expression name not found`);
  if (tk.name !== 'equals-ignore-case') tk.fail(`Unsupported ${op} pattern: ${tk.name}`);
  if (tk.next() !== 'VALUE_STRING') tk.fail('equals-ignore-case match pattern must be a string');
  const value = tk.text();
  expectEnd(tk, 'Only one key allowed in match expression');
  expectEnd(tk, 'Only one key allowed in match expression');
  return { kind: op, value, ignoreCase: true, source: source() };
}

interface Interval {
  lower: number;
  lowerInclusive: boolean;
  upper: number;
  upperInclusive: boolean;
}

/**
 * The numeric array, current token its `[`; returns with the current token its `]`. Only Java
 * IllegalArgumentExceptions (`Cannot compare number`, `Bottom must be less than top`) are caught and
 * re-reported at the parser's position, as `processNumericMatchExpression` does.
 */
function readNumericRange(tk: JsonTokenizer): Interval {
  let t = tk.next();
  if (t !== 'VALUE_STRING') tk.fail(`Invalid member in numeric match: ${tk.text()}`);
  const op = tk.text();
  t = tk.next();
  try {
    switch (op) {
      case '=': {
        if (!isNumberToken(t)) tk.fail('Value of equals must be numeric');
        const text = tk.text();
        if (tk.next() !== 'END_ARRAY') tk.fail('Too many elements in numeric expression');
        const v = comparable(text).value;
        return { lower: v, lowerInclusive: true, upper: v, upperInclusive: true };
      }
      case '>':
      case '>=': {
        if (!isNumberToken(t)) tk.fail(`Value of ${op} must be numeric`);
        const bottomText = tk.text();
        t = tk.next();
        if (t === 'END_ARRAY') {
          const v = comparable(bottomText).value;
          return { lower: v, lowerInclusive: op === '>=', upper: Infinity, upperInclusive: true };
        }
        return completeRange(tk, t, bottomText, op === '>=');
      }
      case '<':
      case '<=': {
        if (!isNumberToken(t)) tk.fail(`Value of ${op} must be numeric`);
        const text = tk.text();
        if (tk.next() !== 'END_ARRAY') tk.fail('Too many elements in numeric expression');
        const v = comparable(text).value;
        return { lower: -Infinity, lowerInclusive: true, upper: v, upperInclusive: op === '<=' };
      }
      default:
        tk.fail(`Unrecognized numeric range operator: ${op}`);
    }
  } catch (e) {
    if (e instanceof UnlocatedPatternError) tk.fail(e.reason);
    throw e;
  }
}

function completeRange(tk: JsonTokenizer, t: TokenKind, bottomText: string, lowerInclusive: boolean): Interval {
  if (t !== 'VALUE_STRING') tk.fail(`Bad value in numeric range: ${tk.text()}`);
  const op = tk.text();
  if (op !== '<' && op !== '<=') tk.fail(`Bad numeric range operator: ${op}`);
  if (!isNumberToken(tk.next())) tk.fail(`Value of ${op} must be numeric`);
  const topText = tk.text();
  if (tk.next() !== 'END_ARRAY') tk.fail('Too many terms in numeric range expression');
  const lower = comparable(bottomText).value;
  const upper = comparable(topText).value;
  if (!(lower < upper)) throw new UnlocatedPatternError('Bottom must be less than top');
  return { lower, lowerInclusive, upper, upperInclusive: op === '<=' };
}

type SetType = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';

/** The anything-but forms; current token is the FIELD_NAME `anything-but`. */
function readAnythingBut(tk: JsonTokenizer, source: () => string): LeafMatcher {
  let setType: SetType | undefined;
  let t = tk.next();
  if (t === 'START_OBJECT') {
    if (tk.next() !== 'FIELD_NAME') tk.fail('Anything-But expression name not found');
    const inner = tk.name;
    if (inner !== 'prefix' && inner !== 'suffix' && inner !== 'equals-ignore-case' && inner !== 'wildcard') {
      tk.fail(`Unsupported anything-but pattern: ${inner}`);
    }
    setType = inner;
    t = tk.next();
  }
  if (t !== 'START_ARRAY' && t !== 'VALUE_STRING' && !isNumberToken(t)) {
    tk.fail('Value of anything-but must be an array or single string/number value.');
  }
  let matcher: (src: string) => AnythingButMatcher;
  if (setType === undefined) {
    matcher = t === 'START_ARRAY' ? readPlainList(tk) : readPlainSingle(tk, t);
  } else {
    const values = t === 'START_ARRAY' ? readSetList(tk, setType) : readSetSingle(tk, t, setType);
    const type = setType;
    matcher = (src) => ({ kind: 'anything-but', type, values, source: src });
  }
  if (tk.next() !== 'END_OBJECT') tk.fail('Too many elements in numeric expression');
  if (setType !== undefined && tk.next() !== 'END_OBJECT') tk.fail('Too many elements in numeric expression');
  return matcher(source());
}

function readPlainSingle(tk: JsonTokenizer, t: TokenKind): (src: string) => AnythingButMatcher {
  if (t === 'VALUE_STRING') {
    const values = [tk.text()];
    return (src) => ({ kind: 'anything-but', type: 'strings', values, source: src });
  }
  // No try around this in event-ruler: the IllegalArgumentException escapes without a location.
  const values = [comparable(tk.text())];
  return (src) => ({ kind: 'anything-but', type: 'numbers', values, source: src });
}

function readPlainList(tk: JsonTokenizer): (src: string) => AnythingButMatcher {
  const strings: string[] = [];
  const numbers: JsonNumber[] = [];
  try {
    let t: TokenKind;
    while ((t = tk.next()) !== 'END_ARRAY') {
      if (t === 'VALUE_STRING') strings.push(tk.text());
      else if (isNumberToken(t)) numbers.push(comparable(tk.text()));
      else tk.fail('Inside anything but list, start|null|boolean is not supported.');
    }
  } catch (e) {
    rebarf(tk, e);
  }
  if ((strings.length > 0) === (numbers.length > 0)) {
    tk.fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  if (strings.length > 0) {
    const values = dedupe(strings);
    return (src) => ({ kind: 'anything-but', type: 'strings', values, source: src });
  }
  const seen = new Set<string>();
  const values = numbers.filter((n) => {
    const key = String(n.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (src) => ({ kind: 'anything-but', type: 'numbers', values, source: src });
}

function notStringReason(setType: SetType): string {
  if (setType === 'equals-ignore-case') {
    return 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
  }
  if (setType === 'wildcard') return 'wildcard match pattern must be a string';
  return 'prefix/suffix match pattern must be a string';
}

function readSetList(tk: JsonTokenizer, setType: SetType): string[] {
  const values: string[] = [];
  try {
    let t: TokenKind;
    while ((t = tk.next()) !== 'END_ARRAY') {
      if (t !== 'VALUE_STRING') tk.fail(notStringReason(setType));
      const text = tk.text();
      if ((setType === 'prefix' || setType === 'suffix') && text === '') tk.fail('Null prefix/suffix not allowed');
      values.push(text);
    }
  } catch (e) {
    rebarf(tk, e);
  }
  // event-ruler passes an empty set on and crashes later (quirk Q13); reject it here instead.
  if (values.length === 0) tk.fail('Empty arrays are not allowed');
  if (setType === 'wildcard') {
    // event-ruler checks the set's members in java.util.HashSet order, each with its quotes.
    for (const quoted of javaHashSetOrder(values.map((v) => `"${v}"`))) {
      const problem = checkWildcard(quoted.slice(1, -1));
      if (problem !== undefined) tk.fail(problem);
    }
  }
  return dedupe(values);
}

function readSetSingle(tk: JsonTokenizer, t: TokenKind, setType: SetType): string[] {
  if (t !== 'VALUE_STRING') tk.fail(notStringReason(setType));
  const text = tk.text();
  if ((setType === 'prefix' || setType === 'suffix') && text === '') tk.fail('Null prefix/suffix not allowed');
  if (setType === 'wildcard') {
    const problem = checkWildcard(text);
    if (problem !== undefined) tk.fail(problem);
  }
  return [text];
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * Builds the matcher for a plain string literal of a leaf array: an IP-looking literal also
 * matches other spellings of the same address (docs/semantics.md §3.1).
 *
 * @param value - The decoded string.
 * @param source - The literal as written.
 * @returns The exact matcher.
 */
export function exactMatcher(value: string, source: string): LeafMatcher {
  return { kind: 'exact', value, ip: parseIpAddress(value), source };
}
