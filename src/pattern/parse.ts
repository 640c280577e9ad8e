/**
 * Reads and validates an event pattern in one pass over its tokens, in document order, the way
 * event-ruler's `JsonRuleCompiler` walks Jackson's stream: the first problem wins, with AWS's text
 * and location (docs/semantics.md §1, §4). It expands `$or` into sub-rules (§1.6) with last-wins per path,
 * then applies the AWS-level limits: `$or` combinations (§1.6) and wildcard complexity (§5).
 * Nesting is handled with an explicit stack, so deep input cannot overflow the call stack.
 */

import { InvalidEventPatternError } from '../errors.js';
import { numberFromText } from '../values/json-number.js';
import { wildcardComplexity } from '../values/wildcard.js';
import type { FieldCondition, LeafMatcher, ParsedPattern, SubRule } from './ast.js';
import { UnlocatedPatternError, compactJson, exactMatcher, readMatchExpression } from './match-expression.js';
import { JsonTokenizer } from './tokenizer.js';

/** Options of {@link parsePattern}. */
export interface ParsePatternOptions {
  /** Longest accepted pattern text, in UTF-16 code units. Default {@link DEFAULT_MAX_PATTERN_LENGTH}. */
  readonly maxLength?: number;
}

/** AWS's hard cap on `EventPattern` (the default quota is 2048, adjustable up to this). */
export const DEFAULT_MAX_PATTERN_LENGTH = 4096;

/** Most rule combinations `$or` may produce, by AWS's product formula (docs/semantics.md §1.6). */
export const MAX_OR_COMBINATIONS = 1000;

/** Highest wildcard complexity score AWS accepts (docs/semantics.md §5). */
export const MAX_WILDCARD_COMPLEXITY = 10;

/** The reason AWS gives for a wildcard complexity above the limit (no location suffix). */
export const TOO_COMPLEX_REASON =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/** Field names event-ruler reserves inside `$or` (at any depth). */
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/** A sub-rule under construction: path → leaf matchers, last write wins. */
type RuleMap = Map<string, readonly LeafMatcher[]>;

interface ObjectFrame {
  readonly kind: 'object';
  /** Dotted path of this object, `undefined` at the top (and inside a top-level `$or`). */
  readonly path: string | undefined;
  /** Inside an `$or` element, at any depth: reserved names are rejected. */
  readonly inOr: boolean;
  /** This object is an element of the `$or` frame below it. */
  readonly orElement: boolean;
  fieldsPresent: boolean;
}

interface OrFrame {
  readonly kind: 'or';
  readonly path: string | undefined;
  /** The sub-rules as they were before this `$or`; each element extends a copy of them. */
  readonly before: readonly RuleMap[];
  /** The sub-rules produced by the elements read so far. */
  readonly collected: RuleMap[];
  count: number;
}

type Frame = ObjectFrame | OrFrame;

function joinPath(prefix: string | undefined, name: string): string {
  return prefix === undefined ? name : `${prefix}.${name}`;
}

/**
 * Parses and validates an event pattern exactly as AWS does.
 *
 * An object pattern is first turned into text with `JSON.stringify`; a text pattern is read as
 * written (duplicate keys and number spellings matter). Runs in time linear in the text, plus the
 * size of the `$or` expansion (at most 1000 sub-rules).
 *
 * @param pattern - The pattern as JSON text or as a parsed object.
 * @param options - `maxLength` (default 4096).
 * @returns The sub-rules of the pattern and its text.
 * @throws InvalidEventPatternError with AWS's message for any invalid pattern; nothing else.
 */
export function parsePattern(pattern: string | object, options: ParsePatternOptions = {}): ParsedPattern {
  const text = patternText(pattern);
  try {
    return readPattern(text, options.maxLength ?? DEFAULT_MAX_PATTERN_LENGTH);
  } catch (e) {
    // A Java IllegalArgumentException that nothing caught: AWS shows it without a location.
    if (e instanceof UnlocatedPatternError) throw new InvalidEventPatternError(e.reason);
    throw e;
  }
}

/**
 * Validates an event pattern without throwing: the counterpart of event-ruler's
 * `JsonRuleCompiler.check`.
 *
 * @param pattern - The pattern as JSON text or as a parsed object.
 * @param options - As for {@link parsePattern}.
 * @returns `null` if AWS would accept the pattern, else the error AWS would return.
 */
export function checkEventPattern(
  pattern: string | object,
  options: ParsePatternOptions = {},
): InvalidEventPatternError | null {
  try {
    parsePattern(pattern, options);
    return null;
  } catch (e) {
    if (e instanceof InvalidEventPatternError) return e;
    return new InvalidEventPatternError(`Unexpected failure: ${String(e)}`);
  }
}

function patternText(pattern: string | object): string {
  if (typeof pattern === 'string') return pattern;
  let text: string | undefined;
  try {
    text = JSON.stringify(pattern) as string | undefined;
  } catch (e) {
    throw new InvalidEventPatternError(
      `Pattern object cannot be turned into JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return text ?? '';
}

function readPattern(text: string, maxLength: number): ParsedPattern {
  if (text.length > maxLength) {
    throw new InvalidEventPatternError(`Event pattern must have length less than or equal to ${maxLength}`);
  }
  const tk = new JsonTokenizer(text);
  if (tk.next() !== 'START_OBJECT') tk.fail('Filter is not an object');

  let rules: RuleMap[] = [];
  /** Set once the `$or` product exceeds the limit: validation goes on, sub-rules are no longer built. */
  let tooManyCombinations = false;
  let closedProduct = 1;
  const stack: Frame[] = [{ kind: 'object', path: undefined, inOr: false, orElement: false, fieldsPresent: false }];

  const openProduct = (): number => {
    let p = closedProduct;
    for (const f of stack) if (f.kind === 'or') p *= Math.max(f.count, 1);
    return p;
  };

  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.kind === 'object') {
      if (tk.next() === 'END_OBJECT') {
        if (!frame.fieldsPresent) tk.fail('Empty objects are not allowed');
        stack.pop();
        if (frame.orElement && !tooManyCombinations) (stack[stack.length - 1] as OrFrame).collected.push(...rules);
        continue;
      }
      frame.fieldsPresent = true;
      const name = tk.name;
      if (name === '$or') {
        if (tk.next() !== 'START_ARRAY') tk.fail('It must be an Array followed with $or.');
        stack.push({ kind: 'or', path: frame.path, before: rules, collected: [], count: 0 });
        rules = [];
        continue;
      }
      if (frame.inOr && RESERVED_IN_OR.has(name)) {
        tk.fail(`${name} is Ruler reserved fieldName which cannot be used inside $or.`);
      }
      const t = tk.next();
      if (t === 'START_OBJECT') {
        stack.push({ kind: 'object', path: joinPath(frame.path, name), inOr: frame.inOr, orElement: false, fieldsPresent: false });
      } else if (t === 'START_ARRAY') {
        const matchers = readLeafArray(tk, text);
        if (!tooManyCombinations) {
          if (rules.length === 0) rules.push(new Map());
          const path = joinPath(frame.path, name);
          for (const rule of rules) {
            // Last wins: re-inserting moves nothing, as fields are sorted at the end.
            rule.set(path, matchers);
          }
        }
      } else {
        tk.fail(`"${name}" must be an object or an array`);
      }
    } else {
      const t = tk.next();
      if (t === 'END_ARRAY') {
        if (frame.count < 2) tk.fail('There must have at least 2 Objects in $or relationship.');
        stack.pop();
        closedProduct *= frame.count;
        rules = frame.collected;
        continue;
      }
      frame.count++;
      // The running product only grows, so once over the limit the pattern is bound to fail.
      if (!tooManyCombinations && openProduct() > MAX_OR_COMBINATIONS) tooManyCombinations = true;
      if (t !== 'START_OBJECT') tk.fail('Only JSON object is allowed in array of $or relationship.');
      if (tooManyCombinations) rules = [];
      else rules = frame.before.length === 0 ? [new Map()] : frame.before.map((r) => new Map(r));
      stack.push({ kind: 'object', path: frame.path, inOr: true, orElement: true, fieldsPresent: false });
    }
  }
  tk.finish();

  if (tooManyCombinations) {
    throw new InvalidEventPatternError(
      `Event pattern has more than ${MAX_OR_COMBINATIONS} rule combinations: the product of the sizes of its $or arrays must not exceed ${MAX_OR_COMBINATIONS}`,
    );
  }
  const subRules = toSubRules(rules);
  checkWildcardComplexity(subRules);
  return { subRules, text };
}

/** A leaf array; the current token is its `[`, and on return its `]`. */
function readLeafArray(tk: JsonTokenizer, text: string): LeafMatcher[] {
  const matchers: LeafMatcher[] = [];
  for (let t = tk.next(); t !== 'END_ARRAY'; t = tk.next()) {
    const start = tk.tokenStart;
    switch (t) {
      case 'START_OBJECT':
        matchers.push(readMatchExpression(tk, () => compactJson(text.slice(start, tk.offset))));
        break;
      case 'VALUE_STRING': {
        const value = tk.text();
        matchers.push(exactMatcher(value, text.slice(start, tk.offset)));
        break;
      }
      case 'VALUE_NUMBER_INT':
      case 'VALUE_NUMBER_FLOAT': {
        const numberText = tk.text();
        matchers.push({ kind: 'number', number: numberFromText(numberText), source: numberText });
        break;
      }
      case 'VALUE_TRUE':
        matchers.push({ kind: 'literal', value: true, source: 'true' });
        break;
      case 'VALUE_FALSE':
        matchers.push({ kind: 'literal', value: false, source: 'false' });
        break;
      case 'VALUE_NULL':
        matchers.push({ kind: 'literal', value: null, source: 'null' });
        break;
      default:
        tk.fail('Match value must be String, number, true, false, or null');
    }
  }
  if (matchers.length === 0) tk.fail('Empty arrays are not allowed');
  return matchers;
}

/** Sorts each sub-rule's fields by path (UTF-16 order) and drops sub-rules identical to an earlier one. */
function toSubRules(rules: readonly RuleMap[]): SubRule[] {
  const out: SubRule[] = [];
  // Duplicates are only possible with several sub-rules ($or): one needs no key.
  const seen = rules.length > 1 ? new Set<string>() : undefined;
  for (const rule of rules) {
    const fields: FieldCondition[] = [];
    for (const [path, matchers] of rule) fields.push({ path, matchers });
    if (fields.length > 1) fields.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (seen !== undefined) {
      const key = JSON.stringify(fields.map((f) => [f.path, f.matchers.map((m) => m.source)]));
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push({ fields });
  }
  return out;
}

/**
 * AWS's wildcard complexity limit. The score is computed per field path over the distinct wildcard
 * and anything-but wildcard operands of all sub-rules on that path (an upper bound of event-ruler's
 * per-machine score), and the pattern is rejected if any path scores above the limit.
 */
function checkWildcardComplexity(subRules: readonly SubRule[]): void {
  // Per path: the distinct globs, keyed so that a wildcard "x" and an anything-but list ["x"] differ.
  // An anything-but wildcard list is one pattern to event-ruler's evaluator, so it stays a list.
  // The usual pattern has at most one glob, scored alone without the maps.
  let byPath: Map<string, Map<string, string | readonly string[]>> | undefined;
  let lone: string | readonly string[] | undefined;
  let lonePath = '';
  for (const rule of subRules) {
    for (const field of rule.fields) {
      for (const m of field.matchers) {
        let entry: string | readonly string[];
        if (m.kind === 'wildcard') entry = m.value;
        else if (m.kind === 'anything-but' && m.type === 'wildcard') entry = m.values.length === 1 ? (m.values[0] as string) : m.values;
        else continue;
        if (byPath === undefined) {
          if (lone === undefined) {
            lone = entry;
            lonePath = field.path;
            continue;
          }
          byPath = new Map([[lonePath, new Map([[JSON.stringify(lone), lone]])]]);
        }
        let globs = byPath.get(field.path);
        if (globs === undefined) byPath.set(field.path, (globs = new Map()));
        globs.set(JSON.stringify(entry), entry);
      }
    }
  }
  if (byPath === undefined) {
    if (lone !== undefined && wildcardComplexity([lone], MAX_WILDCARD_COMPLEXITY + 1) > MAX_WILDCARD_COMPLEXITY) {
      throw new InvalidEventPatternError(TOO_COMPLEX_REASON);
    }
    return;
  }
  for (const globs of byPath.values()) {
    // The score only needs to be known up to the limit; capping the walk keeps hostile globs cheap.
    if (wildcardComplexity([...globs.values()], MAX_WILDCARD_COMPLEXITY + 1) > MAX_WILDCARD_COMPLEXITY) {
      throw new InvalidEventPatternError(TOO_COMPLEX_REASON);
    }
  }
}
