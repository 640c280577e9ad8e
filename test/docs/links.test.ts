/**
 * The README stays short and the docs stay connected: README.md is under 15 KB (the reference
 * belongs in docs/), and every relative link in README.md and docs/ names an existing file and,
 * for a `#fragment` into a markdown page, an existing heading (GitHub's anchor rules).
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../cli/helpers.js';
import { markdownFiles } from './samples.js';

/** GitHub's anchor for a heading text: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const heading = fence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading === null) continue;
    const base = anchor(heading[1] as string);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Markdown text without fenced blocks and code spans, where link syntax means nothing. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

test('anchor should follow GitHub: punctuation dropped, spaces to hyphens', () => {
  expect(anchor('8. Quirk register (Q1–Q18)')).toBe('8-quirk-register-q1q18');
  expect(anchor('2. Entry errors: HTTP 200 with an `ErrorCode`')).toBe('2-entry-errors-http-200-with-an-errorcode');
  expect(anchor('Quick start: unit tests')).toBe('quick-start-unit-tests');
});

test('README.md should stay under 15 KB', () => {
  expect(statSync(join(projectRoot, 'README.md')).size).toBeLessThan(15_000);
});

describe('relative links should resolve', () => {
  for (const file of markdownFiles(projectRoot)) {
    test(file, () => {
      const text = readFileSync(join(projectRoot, file), 'utf8');
      const broken: string[] = [];
      let checked = 0;
      for (const m of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] as string;
        if (/^[a-z]+:/i.test(target)) continue;
        checked++;
        const [path, fragment] = target.split('#') as [string, string | undefined];
        const resolved = path === '' ? join(projectRoot, file) : normalize(join(projectRoot, dirname(file), path));
        if (!existsSync(resolved)) {
          broken.push(`${target}: no such file`);
          continue;
        }
        if (fragment !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(fragment)) {
          broken.push(`${target}: no such heading`);
        }
      }
      expect(broken).toEqual([]);
      if (file === 'README.md') expect(checked).toBeGreaterThan(10);
    });
  }
});
