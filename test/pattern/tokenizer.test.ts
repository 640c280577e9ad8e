/**
 * The tokenizer against Jackson 2.17.2 itself: every row below is an input and the exact message
 * (reason and location) Jackson's streaming parser threw for it when every token was read and every
 * string finished. Rows were produced by mutating the conformance patterns and kept one or two per
 * distinct message.
 */

import { describe, expect, test } from "vitest";
import { InvalidEventPatternError } from "../../src/errors.js";
import { JsonTokenizer, describeChar, describeSource } from "../../src/pattern/tokenizer.js";
import type { TokenKind } from "../../src/pattern/tokenizer.js";

/** Reads every token, finishing every string, as the recording harness did. */
function readAll(text: string): string {
  try {
    const tk = new JsonTokenizer(text);
    for (let t = tk.next(); t !== "EOF"; t = tk.next()) if (t === "VALUE_STRING") tk.text();
    return "OK";
  } catch (e) {
    if (!(e instanceof InvalidEventPatternError)) throw e;
    return e.message.slice("Event pattern is not valid. Reason: ".length);
  }
}

const JACKSON_2_17: readonly (readonly [string, string])[] = [
  ["{\"a\":[\"x\"]} trailing garbage",
    "Unrecognized token 'trailing': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"{\"a\":[\"x\"]} trailing garbage\"; line: 1, column: 21]"],
  ["{\"a\":[\"x\"],}",
    "Unexpected character ('}' (code 125)): was expecting double-quote to start field name\n at [Source: (String)\"{\"a\":[\"x\"],}\"; line: 1, column: 12]"],
  ["{\"a\":['x']}",
    "Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"{\"a\":['x']}\"; line: 1, column: 7]"],
  ["{\"a\":[NaN]}",
    "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow\n at [Source: (String)\"{\"a\":[NaN]}\"; line: 1, column: 10]"],
  ["{\"a\":[01]}",
    "Invalid numeric value: Leading zeroes not allowed\n at [Source: (String)\"{\"a\":[01]}\"; line: 1, column: 8]"],
  ["not json",
    "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not json\"; line: 1, column: 4]"],
  ["{\"a\"[{\"numeric\":[\"!=/\",5]}]",
    "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value\n at [Source: (String)\"{\"a\"[{\"numeric\":[\"!=/\",5]}]\"; line: 1, column: 5]"],
  ["1e\"a\":{\"b\":[{\"exists\":false}]}}",
    "Unexpected character ('\"' (code 34)) in numeric value: Exponent indicator not followed by a digit\n at [Source: (String)\"1e\"a\":{\"b\":[{\"exists\":false}]}}\"; line: 1, column: 2]"],
  ["{\"detail\"u: {\"state\": [{\"anything-but\": {\"equals-ignore-case\": [\"initializing\", \"stopped\"]}}]}}",
    "Unexpected character ('u' (code 117)): was expecting a colon to separate field name and value\n at [Source: (String)\"{\"detail\"u: {\"state\": [{\"anything-but\": {\"equals-ignore-case\": [\"initializing\", \"stopped\"]}}]}}\"; line: 1, column: 10]"],
  ["{\"source\": [{\"pref",
    "Unexpected end-of-input in field name\n at [Source: (String)\"{\"source\": [{\"pref\"; line: 1, column: 19]"],
  ["{\"a\"",
    "Unexpected end-of-input within/between Object entries\n at [Source: (String)\"{\"a\"\"; line: 1, column: 5]"],
  ["{\"dynamodb\": {\"Ne",
    "Unexpected end-of-input in field name\n at [Source: (String)\"{\"dynamodb\": {\"Ne\"; line: 1, column: 18]"],
  ["{\"detail\": {\"ileName\"",
    "Unexpected end-of-input within/between Object entries\n at [Source: (String)\"{\"detail\": {\"ileName\"\"; line: 1, column: 22]"],
  ["{\"nuber\":[",
    "Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)\"{\"nuber\":[\"; line: 1, column: 10])\n at [Source: (String)\"{\"nuber\":[\"; line: 1, column: 11]"],
  ["\"a\":[\"12:3",
    "Unexpected character (':' (code 58)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"\"a\":[\"12:3\"; line: 1, column: 4]"],
  ["1e{\"",
    "Unexpected character ('{' (code 123)) in numeric value: Exponent indicator not followed by a digit\n at [Source: (String)\"1e{\"\"; line: 1, column: 2]"],
  ["{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<=\", 5]}], \"d-cont\": [{\"numeric\": [\"<\", 10]}], \"x-limit\": [{\"numeric\": [\"=",
    "Unexpected end-of-input: was expecting closing quote for a string value\n at [Source: (String)\"{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<=\", 5]}], \"d-cont\": [{\"numeric\": [\"<\", 10]}], \"x-limit\": [{\"numeric\": [\"=\"; line: 1, column: 121]"],
  ["{a\":{\"\":[\"x\"]}}",
    "Unexpected character ('a' (code 97)): was expecting double-quote to start field name\n at [Source: (String)\"{a\":{\"\":[\"x\"]}}\"; line: 1, column: 2]"],
  ["\"a\":[{\"anything-but\":{\"wildcard\":\"*/lib/*\"}}]}",
    "Unexpected character (':' (code 58)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"\"a\":[{\"anything-but\":{\"wildcard\":\"*/lib/*\"}}]}\"; line: 1, column: 4]"],
  [" {\"a\":9[1.7976931348623157e308]}",
    "Unexpected character ('[' (code 91)): was expecting comma to separate Object entries\n at [Source: (String)\" {\"a\":9[1.7976931348623157e308]}\"; line: 1, column: 8]"],
  ["{\"a\":[0.{]}",
    "Unexpected character ('{' (code 123)) in numeric value: Decimal point not followed by a digit\n at [Source: (String)\"{\"a\":[0.{]}\"; line: 1, column: 9]"],
  ["{\"a\":[{\"cidr\":\"1.2.3.4",
    "Unexpected end-of-input: was expecting closing quote for a string value\n at [Source: (String)\"{\"a\":[{\"cidr\":\"1.2.3.4\"; line: 1, column: 23]"],
  ["{\"\":[{\"numeric\":[\"=\",5,\"<\",1",
    "Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)\"{\"\":[{\"numeric\":[\"=\",5,\"<\",1\"; line: 1, column: 17])\n at [Source: (String)\"{\"\":[{\"numeric\":[\"=\",5,\"<\",1\"; line: 1, column: 29]"],
  ["{\"a\":[{\"anything-but\":{\"equals-ignore-case\":5}}]",
    "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"a\":[{\"anything-but\":{\"equals-ignore-case\":5}}]\"; line: 1, column: 1])\n at [Source: (String)\"{\"a\":[{\"anything-but\":{\"equals-ignore-case\":5}}]\"; line: 1, column: 49]"],
  ["{\"a\":'x]}",
    "Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"{\"a\":'x]}\"; line: 1, column: 6]"],
  ["{\"detail\": {\"FileName\": [{\"anything-but\": {\"suffix\": [\".txt, \".jpg\"]}}]}}",
    "Unexpected character ('.' (code 46)): was expecting comma to separate Array entries\n at [Source: (String)\"{\"detail\": {\"FileName\": [{\"anything-but\": {\"suffix\": [\".txt, \".jpg\"]}}]}}\"; line: 1, column: 63]"],
  ["]{\"a",
    "Unexpected close marker ']': expected '}' (for root starting at [Source: (String)\"]{\"a\"; line: 1, column: 0])\n at [Source: (String)\"]{\"a\"; line: 1, column: 1]"],
  ["{\"detail\": {\"sourceIPAddress\": [{\"cidr\": \"10.0.0.0/24\"}1e]}}",
    "Unexpected character ('1' (code 49)): was expecting comma to separate Array entries\n at [Source: (String)\"{\"detail\": {\"sourceIPAddress\": [{\"cidr\": \"10.0.0.0/24\"}1e]}}\"; line: 1, column: 56]"],
  ["{\"a\":[{\"wild card\":\"*\"]}",
    "Unexpected close marker ']': expected '}' (for Object starting at [Source: (String)\"{\"a\":[{\"wild card\":\"*\"]}\"; line: 1, column: 7])\n at [Source: (String)\"{\"a\":[{\"wild card\":\"*\"]}\"; line: 1, column: 23]"],
  ["]{\"detail\": {\"ccount\": [{\"nueric\": 10}]}}",
    "Unexpected close marker ']': expected '}' (for root starting at [Source: (String)\"]{\"detail\": {\"ccount\": [{\"nueric\": 10}]}}\"; line: 1, column: 0])\n at [Source: (String)\"]{\"detail\": {\"ccount\": [{\"nueric\": 10}]}}\"; line: 1, column: 1]"],
  ["{\"dynamod.b\": {",
    "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"dynamod.b\": {\"; line: 1, column: 15])\n at [Source: (String)\"{\"dynamod.b\": {\"; line: 1, column: 16]"],
  ["{\"detail\": {\"state\": [{\"anything-but\": {\"prefix\"\u0001: [\"init\", \"test\"]}}]}}",
    "Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens\n at [Source: (String)\"{\"detail\": {\"state\": [{\"anything-but\": {\"prefix\"\\u0001: [\"init\", \"test\"]}}]}}\"; line: 1, column: 50]"],
  ["{\"a\":null:}",
    "Unexpected character (':' (code 58)): was expecting comma to separate Object entries\n at [Source: (String)\"{\"a\":null:}\"; line: 1, column: 10]"],
  ["{\"\\a\"[{\"anything-but\":true}]}",
    "Unrecognized character escape 'a' (code 97)\n at [Source: (String)\"{\"\\a\"[{\"anything-but\":true}]}\"; line: 1, column: 4]"],
  ["{\"deail\": {\"state\": [{\"anything-but\": {\"prefix\": [\"init\\u12\", \"test\"]}}]}}",
    "Unexpected character ('\"' (code 34)): expected a hex-digit for character escape sequence\n at [Source: (String)\"{\"deail\": {\"state\": [{\"anything-but\": {\"prefix\": [\"init\\u12\", \"test\"]}}]}}\"; line: 1, column: 60]"],
  ["{\"a\":[{\"anything-but\":\"x\",\"y\":}]}",
    "Unexpected character ('}' (code 125)): expected a value\n at [Source: (String)\"{\"a\":[{\"anything-but\":\"x\",\"y\":}]}\"; line: 1, column: 31]"],
  [" {\"a\":[{\"numeric01\":[\">\",1e400]}]}",
    "Unexpected character (' ' (code 8232 / 0x2028)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\" {\"a\":[{\"numeric01\":[\">\",1e400]}]}\"; line: 1, column: 1]"],
  ["{\"a\"/:[{\"",
    "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)\n at [Source: (String)\"{\"a\"/:[{\"\"; line: 1, column: 5]"],
  ["-Infinity{\"detail\": {\"sta",
    "Non-standard token '-Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow\n at [Source: (String)\"-Infinity{\"detail\": {\"sta\"; line: 1, column: 10]"],
  ["{\"tim\": [{\"prefix\": \"202\\u122-07-13\"}]}",
    "Unexpected character ('-' (code 45)): expected a hex-digit for character escape sequence\n at [Source: (String)\"{\"tim\": [{\"prefix\": \"202\\u122-07-13\"}]}\"; line: 1, column: 30]"],
  ["\u0001{\"a\":[{\"anything-but\":{\"suffix\":\"\"}}]}",
    "Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens\n at [Source: (String)\"\\u0001{\"a\":[{\"anything-but\":{\"suffix\":\"\"}}]}\"; line: 1, column: 2]"],
  ["{\"\":[{\"anything-but\":{\"prefix\":/[\"a\",\"\"]}}]}",
    "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)\n at [Source: (String)\"{\"\":[{\"anything-but\":{\"prefix\":/[\"a\",\"\"]}}]}\"; line: 1, column: 32]"],
  ["{\"b\":{\"\\d\":[2], \"\":[{",
    "Unrecognized character escape 'd' (code 100)\n at [Source: (String)\"{\"b\":{\"\\d\":[2], \"\":[{\"; line: 1, column: 9]"],
  ["{\"a\":{\"anything-but\":\"x\",\"y\":1}]}",
    "Unexpected close marker ']': expected '}' (for Object starting at [Source: (String)\"{\"a\":{\"anything-but\":\"x\",\"y\":1}]}\"; line: 1, column: 1])\n at [Source: (String)\"{\"a\":{\"anything-but\":\"x\",\"y\":1}]}\"; line: 1, column: 32]"],
  ["{\"a\":[{\"meric\":[\"<\",5,\">\",",
    "Unexpected end-of-input within/between Array entries\n at [Source: (String)\"{\"a\":[{\"meric\":[\"<\",5,\">\",\"; line: 1, column: 27]"],
  ["{\"$or\":[{\"a\":[\"x\"]},",
    "Unexpected end-of-input within/between Array entries\n at [Source: (String)\"{\"$or\":[{\"a\":[\"x\"]},\"; line: 1, column: 21]"],
  ["{\"a\":[{\"numeric\":[\">\",-5e9,\"<\",5e9}]}",
    "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"{\"a\":[{\"numeric\":[\">\",-5e9,\"<\",5e9}]}\"; line: 1, column: 18])\n at [Source: (String)\"{\"a\":[{\"numeric\":[\">\",-5e9,\"<\",5e9}]}\"; line: 1, column: 35]"],
  ["{\"a\":[1.",
    "Unexpected character ('.' (code 46)) in numeric value: Decimal point not followed by a digit\n at [Source: (String)\"{\"a\":[1.\"; line: 1, column: 8]"],
  ["{\"prefix\":[\"x\"], \"numeric\":{'\"exists\":[\"y\"]}}",
    "Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at [Source: (String)\"{\"prefix\":[\"x\"], \"numeric\":{'\"exists\":[\"y\"]}}\"; line: 1, column: 29]"],
  ["9{\"a:['x']\n}",
    "Unexpected character ('{' (code 123)): Expected space separating root-level values\n at [Source: (String)\"9{\"a:['x']\n}\"; line: 1, column: 2]"],
  ["{\"$or\":[{\"numeric\":\"\n>\",1]},{",
    "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value\n at [Source: (String)\"{\"$or\":[{\"numeric\":\"\n>\",1]},{\"; line: 1, column: 21]"],
  ["1{\"a\":[\"x\"] \"b\":{\"c\":[\"y\"]}, \"b\":{\"d\":[\"",
    "Unexpected character ('{' (code 123)): Expected space separating root-level values\n at [Source: (String)\"1{\"a\":[\"x\"] \"b\":{\"c\":[\"y\"]}, \"b\":{\"d\":[\"\"; line: 1, column: 2]"],
  ["{\"a\r\"",
    "Illegal unquoted character ((CTRL-CHAR, code 13)): has to be escaped using backslash to be included in name\n at [Source: (String)\"{\"a\r\"\"; line: 1, column: 4]"],
  [" {\"a\":[{\"anything-but\":{\"wildcard\":\"a**\"}}]}",
    "Unexpected character (' ' (code 8232 / 0x2028)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\" {\"a\":[{\"anything-but\":{\"wildcard\":\"a**\"}}]}\"; line: 1, column: 1]"],
  ["+{\"a\":[{\"cidr{\":\" 10.0.0.0/\"}]}",
    "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow\n at [Source: (String)\"+{\"a\":[{\"cidr{\":\" 10.0.0.0/\"}]}\"; line: 1, column: 2]"],
  ["{\"a\":[}{}\"n",
    "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"{\"a\":[}{}\"n\"; line: 1, column: 6])\n at [Source: (String)\"{\"a\":[}{}\"n\"; line: 1, column: 7]"],
  ["{\"a\":[{\"anythingbut\":{\"equals-ignore-case\":[]}}]'}",
    "Unexpected character (''' (code 39)): was expecting comma to separate Object entries\n at [Source: (String)\"{\"a\":[{\"anythingbut\":{\"equals-ignore-case\":[]}}]'}\"; line: 1, column: 49]"],
  ["{\"a\":[{\"wildcard\":\"abc\" }]}",
    "Unexpected character (' ' (code 8232 / 0x2028)): was expecting comma to separate Object entries\n at [Source: (String)\"{\"a\":[{\"wildcard\":\"abc\" }]}\"; line: 1, column: 24]"],
  ["01",
    "Invalid numeric value: Leading zeroes not allowed\n at [Source: (String)\"01\"; line: 1, column: 2]"],
  ["{\"a\":[{\"prefix\":}{",
    "Unexpected character ('}' (code 125)): expected a value\n at [Source: (String)\"{\"a\":[{\"prefix\":}{\"; line: 1, column: 17]"],
  ["{\"a\":[{\"anything-but\":-{\"equal\u0001s-ignore-ca\u0001se\":[5]}}]}",
    "Unexpected character ('{' (code 123)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value\n at [Source: (String)\"{\"a\":[{\"anything-but\":-{\"equal\\u0001s-ignore-ca\\u0001se\":[5]}}]}\"; line: 1, column: 24]"],
  ["-{\"a\":[{\"prefix\":é{\"equal",
    "Unexpected character ('{' (code 123)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value\n at [Source: (String)\"-{\"a\":[{\"prefix\":é{\"equal\"; line: 1, column: 2]"],
  ["{\"a\":[{\"numeric\":[\">\",10,+\"<\",5]",
    "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow\n at [Source: (String)\"{\"a\":[{\"numeric\":[\">\",10,+\"<\",5]\"; line: 1, column: 27]"],
  ["{\"a\"':[{\"cidr\":\"10.0.0.0/32\"}]}",
    "Unexpected character (''' (code 39)): was expecting a colon to separate field name and value\n at [Source: (String)\"{\"a\"':[{\"cidr\":\"10.0.0.0/32\"}]}\"; line: 1, column: 5]"],
  ["{\"a\":[{\"equals-ignore-case:\"σ\"}",
    "Unexpected character ('σ' (code 963 / 0x3c3)): was expecting a colon to separate field name and value\n at [Source: (String)\"{\"a\":[{\"equals-ignore-case:\"σ\"}\"; line: 1, column: 29]"],
  ["{\"a\"':[{\"cidr\":\"1u",
    "Unexpected character (''' (code 39)): was expecting a colon to separate field name and value\n at [Source: (String)\"{\"a\"':[{\"cidr\":\"1u\"; line: 1, column: 5]"],
  ["{\"dynamodb\": {\"NewImage\": {\"nmericFilter\": {\"N\": [{\"numeric\": [\">\", 100]'}, {\"anything-but\": \"101\"}]}}}}",
    "Unexpected character (''' (code 39)): was expecting comma to separate Object entries\n at [Source: (String)\"{\"dynamodb\": {\"NewImage\": {\"nmericFilter\": {\"N\": [{\"numeric\": [\">\", 100]'}, {\"anything-but\": \"101\"}]}}}}\"; line: 1, column: 73]"],
  ["{\"a\":[1e",
    "Unexpected end-of-inputexpected a digit for number exponent\n at [Source: (String)\"{\"a\":[1e\"; line: 1, column: 9]"],
  ["{\"\\u12",
    "Unexpected end-of-input in character escape sequence\n at [Source: (String)\"{\"\\u12\"; line: 1, column: 7]"],
  ["-",
    "Unexpected end-of-inputNo digit following sign\n at [Source: (String)\"-\"; line: 1, column: 2]"],
  ["[-I",
    "Unexpected end-of-input in a Number value\n at [Source: (String)\"[-I\"; line: 1, column: 4]"],
];

describe("JsonTokenizer", () => {
  describe("should fail exactly as Jackson 2.17", () => {
    test.each(JACKSON_2_17)("for %j", (input, message) => {
      expect(readAll(input)).toBe(message);
    });
  });

  describe('should produce tokens', () => {
    test('for a pattern with every value kind', () => {
      const tk = new JsonTokenizer('{"a":["x",-1.5e3,7,true,false,null,{"p":{}}]}');
      const kinds: TokenKind[] = [];
      const texts: string[] = [];
      for (let t = tk.next(); t !== 'EOF'; t = tk.next()) {
        kinds.push(t);
        texts.push(tk.text());
      }
      expect(kinds).toEqual([
        'START_OBJECT', 'FIELD_NAME', 'START_ARRAY', 'VALUE_STRING', 'VALUE_NUMBER_FLOAT', 'VALUE_NUMBER_INT',
        'VALUE_TRUE', 'VALUE_FALSE', 'VALUE_NULL', 'START_OBJECT', 'FIELD_NAME', 'START_OBJECT', 'END_OBJECT',
        'END_OBJECT', 'END_ARRAY', 'END_OBJECT',
      ]);
      expect(texts).toEqual(['{', 'a', '[', 'x', '-1.5e3', '7', 'true', 'false', 'null', '{', 'p', '{', '}', '}', ']', '}']);
    });

    test('for escapes, decoded', () => {
      const tk = new JsonTokenizer('["\\u00e9\\n\\"\\\\\\/"]');
      tk.next();
      expect(tk.next()).toBe('VALUE_STRING');
      expect(tk.text()).toBe('\u00e9\n"\\/');
    });
  });

  describe('should read like Jackson', () => {
    test('for the value after a field name, read together with the name', () => {
      const tk = new JsonTokenizer('{"a": "xyz"}');
      tk.next();
      expect(tk.next()).toBe('FIELD_NAME');
      // The pointer is already after the opening quote of the value.
      expect(tk.offset).toBe(7);
      expect(tk.suffix()).toBe('\n at [Source: (String)"{"a": "xyz"}"; line: 1, column: 8]');
      expect(tk.next()).toBe('VALUE_STRING');
      expect(tk.tokenStart).toBe(6);
      tk.text();
      expect(tk.offset).toBe(11);
    });

    test('for a bad string that is never read, only when the next token is asked for', () => {
      const tk = new JsonTokenizer('["a\\q"]');
      tk.next();
      expect(tk.next()).toBe('VALUE_STRING');
      expect(() => tk.next()).toThrow("Unrecognized character escape 'q' (code 113)");
    });

    test('for lines and columns after CR, LF and CRLF', () => {
      const tk = new JsonTokenizer('{\r\n"a":\n[\r1]}');
      tk.next();
      tk.next();
      tk.next();
      tk.next();
      expect(tk.suffix()).toContain('line: 4, column: 2]');
    });

    test('for nesting deeper than 1000, with the constraint text and no location', () => {
      const text = '['.repeat(1001) + ']'.repeat(1001);
      const tk = new JsonTokenizer(text);
      let error: unknown;
      try {
        for (let t = tk.next(); t !== 'EOF'; t = tk.next());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidEventPatternError);
      expect((error as InvalidEventPatternError).message).toBe(
        'Event pattern is not valid. Reason: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
      );
    });

    test('for 1000 levels, accepted', () => {
      const text = '['.repeat(1000) + ']'.repeat(1000);
      expect(readAll(text)).toBe('OK');
    });
  });

  describe('finish', () => {
    test('should accept trailing whitespace', () => {
      const tk = new JsonTokenizer('{} \n\t');
      tk.next();
      tk.next();
      expect(() => tk.finish()).not.toThrow();
    });

    test('should reject trailing text at its first character', () => {
      const tk = new JsonTokenizer('{} x');
      tk.next();
      tk.next();
      expect(() => tk.finish()).toThrow(
        "Unexpected character ('x' (code 120)): expected end-of-input after the top-level object\n at [Source: (String)\"{} x\"; line: 1, column: 4]",
      );
    });
  });

  describe('describeChar', () => {
    test.each([
      [0x7d, "'}' (code 125)"],
      [0x0a, '(CTRL-CHAR, code 10)'],
      [0x85, '(CTRL-CHAR, code 133)'],
      [0xe9, "'\u00e9' (code 233)"],
      [0x4e00, "'\u4e00' (code 19968 / 0x4e00)"],
    ])('should describe %i as %s', (c, text) => {
      expect(describeChar(c)).toBe(text);
    });
  });

  describe('describeSource', () => {
    test('should escape control characters except CR and LF', () => {
      expect(describeSource('a\tb\r\nc\u0001')).toBe('(String)"a\\u0009b\r\nc\\u0001"');
    });

    test('should truncate after 500 characters', () => {
      const text = 'x'.repeat(512);
      expect(describeSource(text)).toBe(`(String)"${'x'.repeat(500)}"[truncated 12 chars]`);
    });
  });
});
