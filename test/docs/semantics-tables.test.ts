/**
 * The example tables of docs/semantics.md are executable: every "pattern | event | result" row, the
 * null/missing/empty grid of §2.6, the comparability table of §2.4, the equals-ignore-case table of
 * §3.7 (cells hold raw strings; `""` is the empty string, "the number"/"the JSON literal" mark JSON)
 * and the error catalogue of §4.2 (reason text and number of location suffixes) are checked
 * against testEventPattern and checkEventPattern, so the reference cannot drift from the code.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkEventPattern, testEventPattern } from '../../src/index.js';
import { projectRoot } from '../cli/helpers.js';

interface Table {
  readonly line: number;
  readonly header: string[];
  readonly rows: { line: number; cells: string[] }[];
}

/** Splits a table row into cells, honouring `\|` and code spans. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  let code = false;
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\' && body[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '`') {
      code = !code;
      cell += c;
    } else if (c === '|' && !code) {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

function tables(text: string): Table[] {
  const lines = text.split('\n');
  const found: Table[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!(lines[i] as string).startsWith('|') || !/^\|[-| :]+\|$/.test((lines[i + 1] as string).trim())) continue;
    const table: Table = { line: i + 1, header: cells(lines[i] as string), rows: [] };
    let j = i + 2;
    for (; j < lines.length && (lines[j] as string).startsWith('|'); j++) table.rows.push({ line: j + 1, cells: cells(lines[j] as string) });
    found.push(table);
    i = j;
  }
  return found;
}

/** The code spans of a cell, with the text just before each. */
function spans(cell: string): { code: string; before: string }[] {
  const out: { code: string; before: string }[] = [];
  const re = /(``?)(.+?)\1/g;
  let last = 0;
  for (let m = re.exec(cell); m !== null; m = re.exec(cell)) {
    out.push({ code: (m[2] as string).trim(), before: cell.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  return out;
}

const verdict = (cell: string): boolean => {
  const plain = cell.replace(/\*/g, '');
  if (/^no match/.test(plain) || /^no\b/.test(plain)) return false;
  if (/^match/.test(plain) || /^yes\b/.test(plain)) return true;
  throw new Error(`not a verdict: ${cell}`);
};

const text = readFileSync(join(projectRoot, 'docs', 'semantics.md'), 'utf8');
const all = tables(text);
const withHeader = (...header: string[]): Table[] => all.filter((t) => header.every((h, i) => t.header[i] === h));

describe('docs/semantics.md tables', () => {
  describe('pattern | event | result rows should be what testEventPattern answers', () => {
    const rows = withHeader('pattern', 'event', 'result').flatMap((t) => t.rows);
    test('there are such rows', () => expect(rows.length).toBeGreaterThanOrEqual(20));
    for (const row of rows) {
      const [pattern, event, result] = row.cells as [string, string, string];
      const patterns = spans(pattern);
      const events = spans(event).filter((s) => s.code.startsWith('{'));
      test(`line ${row.line}: ${pattern} / ${event}`, () => {
        expect(patterns.length).toBe(1);
        expect(events.length).toBeGreaterThan(0);
        for (const e of events) expect(testEventPattern(patterns[0]?.code as string, e.code), e.code).toBe(verdict(result));
      });
    }
  });

  test('§2.6: the null, missing and empty grid', () => {
    const [grid] = withHeader('value of `f` in the event');
    expect(grid?.rows.length).toBe(6);
    const columns = (grid as Table).header.slice(1).map((h) => spans(h)[0]?.code as string);
    for (const row of (grid as Table).rows) {
      const [first, ...answers] = row.cells as [string, ...string[]];
      const events = first.startsWith('no key') ? ['{}'] : spans(first).map((s) => `{"f":${s.code}}`);
      columns.forEach((leaf, k) => {
        for (const event of events) expect(testEventPattern(`{"f":${leaf}}`, event), `line ${row.line}: ${leaf} on ${event}`).toBe(verdict(answers[k] as string));
      });
    }
  });

  test('§2.4: comparable number texts are those numeric ranges can see', () => {
    const [table] = withHeader('text', 'comparable');
    const everything = '{"n":[{"numeric":[">=",-1.7976931348623157e308,"<=",1.7976931348623157e308]}]}';
    for (const row of (table as Table).rows) {
      for (const s of spans(row.cells[0] as string)) {
        expect(testEventPattern(everything, `{"n":${s.code}}`), `line ${row.line}: ${s.code}`).toBe(verdict(row.cells[1] as string));
      }
    }
  });

  test('§3.7: the equals-ignore-case table', () => {
    const [table] = withHeader('pattern', 'matches', 'does not match');
    expect(table?.rows.length).toBeGreaterThan(10);
    for (const row of (table as Table).rows) {
      const pattern = `{"a":[{"equals-ignore-case":${spans(row.cells[0] as string)[0]?.code as string}}]}`;
      const value = (s: { code: string; before: string }): string =>
        /(the number|the JSON literal) $/.test(s.before) || s.code === '""' ? s.code : JSON.stringify(s.code);
      for (const s of spans(row.cells[1] as string)) expect(testEventPattern(pattern, `{"a":${value(s)}}`), `line ${row.line}: ${s.code}`).toBe(true);
      for (const s of spans(row.cells[2] as string)) expect(testEventPattern(pattern, `{"a":${value(s)}}`), `line ${row.line}: not ${s.code}`).toBe(false);
    }
  });

  describe('§4.2: every catalogue row gives its reason and number of locations', () => {
    const [table] = withHeader('invalid pattern', 'reason', 'loc');
    let previous = '';
    for (const row of (table as Table).rows) {
      const [patterns, reasonCell, loc] = row.cells as [string, string, string];
      const reason = reasonCell.startsWith('the same') ? previous : (spans(reasonCell)[0]?.code as string);
      previous = reason;
      const count = loc.startsWith('×2') ? 2 : loc.startsWith('yes') ? 1 : 0;
      test(`line ${row.line}: ${reason}`, () => {
        const found = spans(patterns);
        expect(found.length).toBeGreaterThan(0);
        for (const { code } of found) {
          const error = checkEventPattern(code);
          expect(error?.reason, code).toBe(reason);
          expect(error?.message.split('\n at [Source: ').length, `${code}: location suffixes`).toBe(count + 1);
        }
      });
    }
  });
});
