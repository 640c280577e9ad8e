/**
 * Tests of IP addresses and CIDR ranges: parsing both families, AWS's CIDR reasons, the event-ruler
 * cidr probes from the fixtures, and range membership.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CidrError, ipInRange, parseCidr, parseIpAddress } from '../../src/values/ip.js';

describe('parseIpAddress', () => {
  describe('should parse IPv4', () => {
    test.each([
      ['10.0.0.1', '0a000001'],
      ['010.0.0.5', '0a000005'],
      ['10.0.0.05', '0a000005'],
      ['1.2.3.0004', '01020304'],
      ['255.255.255.255', 'ffffffff'],
      ['0.0.0.0', '00000000'],
      ['000.000.000.000', '00000000'],
    ])('for %s', (text, hex) => {
      expect(parseIpAddress(text)).toEqual({ family: 4, hex });
    });
  });

  describe('should parse IPv6', () => {
    test.each([
      ['::', '00000000000000000000000000000000'],
      ['::1', '00000000000000000000000000000001'],
      ['2001:db8::1', '20010db8000000000000000000000001'],
      ['2001:DB8:0:0:0:0:0:1', '20010db8000000000000000000000001'],
      ['0:0:0:0:0:0:0:0', '00000000000000000000000000000000'],
      ['1:2:3:4:5:6:7::', '00010002000300040005000600070000'],
      ['::1:2:3:4:5:6:7', '00000001000200030004000500060007'],
      ['a00::1', '0a000000000000000000000000000001'],
      // Java checks a group's value, not its digit count.
      ['00001::', '00010000000000000000000000000000'],
    ])('for %s', (text, hex) => {
      expect(parseIpAddress(text)).toEqual({ family: 6, hex });
    });
  });

  describe('should turn IPv4-mapped IPv6 into IPv4', () => {
    test.each([
      ['::ffff:a00:5', '0a000005'],
      ['::FFFF:0A00:0005', '0a000005'],
      ['0:0:0:0:0:ffff:ffff:ffff', 'ffffffff'],
      ['::ffff:0:1', '00000001'],
    ])('for %s', (text, hex) => {
      expect(parseIpAddress(text)).toEqual({ family: 4, hex });
    });

    test('but not IPv4-compatible or other prefixes', () => {
      expect(parseIpAddress('::a00:5')?.family).toBe(6);
      expect(parseIpAddress('::fffe:a00:5')?.family).toBe(6);
      expect(parseIpAddress('1::ffff:a00:5')?.family).toBe(6);
    });
  });

  describe('should reject', () => {
    test.each([
      '', '1.2.3', '1.2.3.4.5', '10.0.0.256', '256.0.0.0', ' 10.0.0.1', '10.0.0.1 ', '1.2.3.-4', '1.2.3.4/32',
      // Q21: Java refuses IPv4 literals longer than 15 characters.
      '255.255.255.0255', '0001.0002.0003.04',
      '12:30', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', '1::2::3', ':::', ':1::', '1:', ':',
      '10000::', 'g::', '::ffff:10.0.0.5', 'fe80::1%eth0', '[::1]', 'localhost', '1.2.3.4.',
    ])('for %j', (text) => {
      expect(parseIpAddress(text)).toBeUndefined();
    });
  });

  test('should answer quickly for long hostile strings', () => {
    expect(parseIpAddress(`${'1:'.repeat(500_000)}x`)).toBeUndefined();
    expect(parseIpAddress('0'.repeat(1_000_000) + '::')).toEqual({ family: 6, hex: '0'.repeat(32) });
    expect(parseIpAddress('1.'.repeat(500_000))).toBeUndefined();
  });
});

describe('parseCidr', () => {
  describe('should compute the range', () => {
    test.each([
      ['10.0.0.0/24', 4, '0a000000', '0a0000ff'],
      ['10.0.0.5/24', 4, '0a000000', '0a0000ff'],
      ['10.0.0.1/31', 4, '0a000000', '0a000001'],
      ['10.0.0.0/8', 4, '0a000000', '0affffff'],
      ['10.0.0.0/+8', 4, '0a000000', '0affffff'],
      ['10.0.0.0/08', 4, '0a000000', '0affffff'],
      ['10.0.0.0/-0', 4, '00000000', 'ffffffff'],
      ['10.0.0.0/8/', 4, '0a000000', '0affffff'],
      ['10.0.0.0/\u0668', 4, '0a000000', '0affffff'],
      ['0.0.0.0/0', 4, '00000000', 'ffffffff'],
      ['172.16.0.0/12', 4, 'ac100000', 'ac1fffff'],
      ['192.168.1.77/30', 4, 'c0a8014c', 'c0a8014f'],
      ['::ffff:a00:0/24', 4, '0a000000', '0a0000ff'],
      ['2001:db8::/32', 6, '20010db8000000000000000000000000', '20010db8ffffffffffffffffffffffff'],
      ['::/127', 6, '0'.repeat(32), `${'0'.repeat(31)}1`],
      ['::/0', 6, '0'.repeat(32), 'f'.repeat(32)],
      ['a00::/16', 6, `0a00${'0'.repeat(28)}`, `0a00${'f'.repeat(28)}`],
    ])('for %s', (text, family, low, high) => {
      expect(parseCidr(text)).toEqual({ family, low, high });
    });
  });

  describe('should reject with AWS’s reason', () => {
    test.each([
      ['10.0.0.1', "Malformed CIDR, one '/' required"],
      ['10.0.0.1/8/8', "Malformed CIDR, one '/' required"],
      ['10.0.0.0//8', "Malformed CIDR, one '/' required"],
      ['/', "Malformed CIDR, one '/' required"],
      ['', "Malformed CIDR, one '/' required"],
      ['10.0.0.0/', "Malformed CIDR, one '/' required"],
      ['10.0.0.0/x', 'Malformed CIDR, mask bits must be an integer'],
      ['10.0.0.0/ 8', 'Malformed CIDR, mask bits must be an integer'],
      ['10.0.0.0/8 ', 'Malformed CIDR, mask bits must be an integer'],
      ['10.0.0.0/+', 'Malformed CIDR, mask bits must be an integer'],
      ['10.0.0.0/8.0', 'Malformed CIDR, mask bits must be an integer'],
      ['10.0.0.0/2147483648', 'Malformed CIDR, mask bits must be an integer'],
      ['foo/x', 'Malformed CIDR, mask bits must be an integer'],
      ['10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
      ['10.0.0.1/-1', 'Malformed CIDR, mask bits must not be negative'],
      ['foo/-2147483648', 'Malformed CIDR, mask bits must not be negative'],
      ['10.0.0.0/32', 'IPv4 mask bits must be < 32'],
      ['10.0.0.0/2147483647', 'IPv4 mask bits must be < 32'],
      ['::ffff:a00:0/104', 'IPv4 mask bits must be < 32'],
      ['::/128', 'IPv6 mask bits must be < 128'],
      ['10.0.0.256/8', 'Invalid IP address: 10.0.0.256'],
      ['255.255.255.0255/8', 'Invalid IP address: 255.255.255.0255'],
      ['1::2::3/8', 'Invalid IP address: 1::2::3'],
      ['12:30/8', 'Invalid IP address: 12:30'],
      ['foo/8', 'Nonstandard IP address: foo'],
      ['/8', 'Nonstandard IP address: '],
      ['1.2.3/8', 'Nonstandard IP address: 1.2.3'],
      [' 10.0.0.0/8', 'Nonstandard IP address:  10.0.0.0'],
      ['::ffff:10.0.0.0/104', 'Nonstandard IP address: ::ffff:10.0.0.0'],
    ])('for %j', (text, reason) => {
      let error: unknown;
      try {
        parseCidr(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CidrError);
      expect((error as CidrError).reason).toBe(reason);
      expect((error as CidrError).message).toBe(reason);
    });
  });

  test('should agree with every cidr validation probe of event-ruler', () => {
    const lines = readFileSync(new URL('../fixtures/event-ruler-vectors.jsonl', import.meta.url), 'utf8').split('\n');
    let checked = 0;
    for (const line of lines) {
      if (line.trim() === '') continue;
      const v = JSON.parse(line) as { kind: string; pattern: string; valid?: boolean; error?: string };
      if (v.kind !== 'pattern') continue;
      const m = /^\{"a":\[\{"cidr":("(?:[^"\\]|\\.)*")\}\]\}$/.exec(v.pattern);
      if (m === null) continue;
      const operand = JSON.parse(m[1] ?? '""') as string;
      let reason: string | undefined;
      try {
        parseCidr(operand);
      } catch (e) {
        reason = (e as CidrError).reason;
      }
      expect(reason, operand).toBe(v.valid === true ? undefined : v.error);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('ipInRange', () => {
  const range = (cidr: string) => parseCidr(cidr);
  const ip = (text: string) => {
    const parsed = parseIpAddress(text);
    if (parsed === undefined) throw new Error(text);
    return parsed;
  };

  test.each([
    ['10.0.0.255', '10.0.0.0/24', true],
    ['10.0.1.0', '10.0.0.0/24', false],
    ['010.0.0.5', '10.0.0.0/24', true],
    ['10.0.0.200', '10.0.0.5/24', true],
    ['10.0.0.0', '10.0.0.1/31', true],
    ['10.0.0.2', '10.0.0.1/31', false],
    ['255.255.255.255', '0.0.0.0/0', true],
    ['::ffff:a00:5', '10.0.0.0/24', true],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::/32', true],
    ['2001:db9::', '2001:db8::/32', false],
    ['::1', '::/127', true],
    // Q8: no leaks between families, whatever the hex digits say.
    ['a00::1', '10.0.0.0/24', false],
    ['a00:0:ffff::1', '10.0.0.0/24', false],
    ['10.0.0.1', 'a00::/16', false],
    ['::1', '0.0.0.0/0', false],
    ['10.0.0.1', '2001:db8::/32', false],
    ['10.0.0.1', '::/0', false],
  ])('should place %s in %s: %s', (address, cidr, expected) => {
    expect(ipInRange(ip(address), range(cidr))).toBe(expected);
  });
});
