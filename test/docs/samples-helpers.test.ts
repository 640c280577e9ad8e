/** Tests of the docs-sample helpers: fence parsing, the `// →` rewrite and output comparison. */

import { describe, expect, test } from 'vitest';
import { consoleSteps, extractSamples, outputMatches, shellCommands, toModule } from './samples.js';

describe('docs sample helpers', () => {
  test('should read the language, no-run reason and result name of each fence', () => {
    const md = 'x\n```ts no-run needs a cloud account\na;\n```\n```json result out\n{}\n```\n````text\n```\n````\n';
    expect(extractSamples('f.md', md)).toEqual([
      { file: 'f.md', line: 2, lang: 'ts', noRun: 'needs a cloud account', result: undefined, code: 'a;' },
      { file: 'f.md', line: 5, lang: 'json', noRun: undefined, result: 'out', code: '{}' },
      { file: 'f.md', line: 8, lang: 'text', noRun: undefined, result: undefined, code: '```' },
    ]);
  });

  test('should turn documented values and printed listings into assertions', () => {
    const code = "import { Matcher } from 'eventbridge-matcher';\nm.match(e); // → ['a', 'b'] (any order)\nconsole.log(x);\n// line 1\n//   line 2";
    const text = toModule(code, { specifiers: new Map([['eventbridge-matcher', '/src/index.ts']]), runtime: '/rt.ts', replacements: new Map(), result: 'out' });
    expect(text.split('\n')).toEqual([
      'import { docs as __docs } from "/rt.ts";',
      'import { Matcher } from "/src/index.ts";',
      "__docs.expectValue(m.match(e), ['a', 'b'], true, 2);",
      '__docs.expectPrinted("line 1\\n  line 2", 5, x);',
      'export { out as __docsResult };',
      '',
    ]);
  });

  test('should split shell samples into commands', () => {
    expect(shellCommands('npm install && npm start   # build\nnpm run bench -- \\\n  --rules=1 exact\n# only a comment\necho "a # b"')).toEqual([
      'npm install',
      'npm start',
      'npm run bench -- --rules=1 exact',
      'echo "a # b"',
    ]);
  });

  test('should pair console commands with their output', () => {
    expect(consoleSteps('$ a\nout 1\nout 2\n$ echo $?\n1')).toEqual([
      { command: 'a', expected: ['out 1', 'out 2'] },
      { command: 'echo $?', expected: ['1'] },
    ]);
  });

  test('should compare output with ... and … wildcards, and nothing else', () => {
    expect(outputMatches(['a', 'b', 'c', 'd'], ['a', '...', 'd'])).toBe(true);
    expect(outputMatches(['a', 'b', 'c', 'd'], ['a', '  ...'])).toBe(true);
    expect(outputMatches(['40 events in 0.03 s'], ['40 events in … s'])).toBe(true);
    expect(outputMatches(['a', 'b'], ['a'])).toBe(false);
    expect(outputMatches(['a', 'x', 'b'], ['a', 'b'])).toBe(false);
    expect(outputMatches(['41 events in 0.03 s'], ['40 events in … s'])).toBe(false);
  });
});
