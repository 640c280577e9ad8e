/**
 * IP addresses and CIDR blocks (docs/semantics.md §3.11). Addresses are kept as fixed-width lowercase hex
 * (8 digits for IPv4, 32 for IPv6) so that comparing strings compares addresses; IPv4-mapped IPv6
 * addresses (`::ffff:a00:1`) are IPv4. Parsing follows event-ruler: a regex gate, then the rules of
 * Java's address-literal parser; ranges never cross families (the fix of quirk Q8).
 */

/** A parsed IP address. */
export interface IpAddress {
  readonly family: 4 | 6;
  /** 8 (IPv4) or 32 (IPv6) lowercase hex digits. */
  readonly hex: string;
}

/** An inclusive address range of one family, as a CIDR block compiles to. */
export interface IpRange {
  readonly family: 4 | 6;
  /** Lowest address, same width as {@link IpAddress.hex}. */
  readonly low: string;
  /** Highest address, same width as {@link IpAddress.hex}. */
  readonly high: string;
}

/** The IPv4 gate event-ruler applies before asking Java to parse, `[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+`. */
function hasIpv4Shape(s: string): boolean {
  let dots = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
    } else if (c === 46 && run > 0 && dots < 3) {
      dots++;
      run = 0;
    } else {
      return false;
    }
  }
  return dots === 3 && run > 0;
}

/**
 * The IPv6 gate, event-ruler's `[0-9a-fA-F:]*:[0-9a-fA-F:]*`: hex digits and colons only, at least
 * one colon. Checked by a loop rather than that regex, which backtracks quadratically on long input.
 */
function hasIpv6Shape(s: string): boolean {
  let colon = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) colon = true;
    else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return colon;
}

/**
 * Longest IPv4 literal Java's parser accepts. Java rejects longer text before looking at it, so
 * `"255.255.255.0255"` (16 characters) is not an address even though each part is in range. We
 * follow event-ruler (and so presumably AWS) here, quirk Q21: such strings stay plain strings,
 * and as a CIDR base they are an "Invalid IP address".
 */
const MAX_IPV4_TEXT = 15;

/**
 * Parses an IP address literal the way event-ruler does (docs/semantics.md §3.11).
 *
 * - IPv4: four decimal parts of 0–255, leading zeros allowed (`010.0.0.5` is 10.0.0.5), at most
 *   15 characters in all (quirk Q21, see {@link MAX_IPV4_TEXT}).
 * - IPv6: hex digits and colons only, with at most one `::`; a group may have more than four
 *   digits if its value fits in 16 bits (`00001::`), as in Java. No embedded dotted quad, no zone.
 * - IPv4-mapped IPv6 (`::ffff:a00:5`) becomes the IPv4 address.
 *
 * Hot: runs for every event string on a field with `cidr` or IP-literal patterns. Linear time, no
 * regex (the IPv6 gate regex backtracks quadratically on long strings).
 *
 * @param s - Any string.
 * @returns The address, or `undefined` if `s` is not an IP literal.
 */
export function parseIpAddress(s: string): IpAddress | undefined {
  if (s.length <= MAX_IPV4_TEXT && hasIpv4Shape(s)) return parseIpv4(s);
  if (s.length < 2 || !hasIpv6Shape(s)) return undefined;
  return parseIpv6(s);
}

function parseIpv4(s: string): IpAddress | undefined {
  let hex = '';
  for (const part of s.split('.')) {
    const n = Number(part);
    if (n > 255) return undefined;
    hex += hex2(n);
  }
  return { family: 4, hex };
}

/** Java's IPv6 text parser, restricted to what passes {@link hasIpv6Shape}. Linear time. */
function parseIpv6(s: string): IpAddress | undefined {
  const bytes = new Uint8Array(16);
  let i = 0;
  let j = 0;
  let gap = -1;
  if (s[0] === ':') {
    if (s[1] !== ':') return undefined;
    i = 1;
  }
  let value = 0;
  let sawDigit = false;
  while (i < s.length) {
    const ch = s.charCodeAt(i++);
    if (ch !== 58 /* : */) {
      value = (value << 4) | hexValue(ch);
      if (value > 0xffff) return undefined;
      sawDigit = true;
      continue;
    }
    if (!sawDigit) {
      if (gap !== -1) return undefined;
      gap = j;
      continue;
    }
    if (i === s.length || j + 2 > 16) return undefined;
    bytes[j++] = value >> 8;
    bytes[j++] = value & 0xff;
    sawDigit = false;
    value = 0;
  }
  if (sawDigit) {
    if (j + 2 > 16) return undefined;
    bytes[j++] = value >> 8;
    bytes[j++] = value & 0xff;
  }
  if (gap !== -1) {
    if (j === 16) return undefined;
    const n = j - gap;
    for (let k = 1; k <= n; k++) {
      bytes[16 - k] = bytes[gap + n - k] ?? 0;
      bytes[gap + n - k] = 0;
    }
    j = 16;
  }
  if (j !== 16) return undefined;
  let mapped = bytes[10] === 0xff && bytes[11] === 0xff;
  for (let k = 0; k < 10 && mapped; k++) if (bytes[k] !== 0) mapped = false;
  let hex = '';
  for (let k = mapped ? 12 : 0; k < 16; k++) hex += hex2(bytes[k] ?? 0);
  return { family: mapped ? 4 : 6, hex };
}

function hexValue(ch: number): number {
  if (ch <= 57) return ch - 48;
  return (ch | 0x20) - 87;
}

function hex2(n: number): string {
  return (n < 16 ? '0' : '') + n.toString(16);
}

/** A CIDR block AWS would reject; `reason` is AWS's text (docs/semantics.md §3.11, no location suffix). */
export class CidrError extends Error {
  override readonly name = 'CidrError';
  /** AWS's reason, e.g. `IPv4 mask bits must be < 32`. */
  readonly reason: string;

  /** @param reason - AWS's reason text; also the message. */
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/**
 * Parses a `cidr` operand into the range of addresses it covers. Host bits of the base address are
 * ignored (`10.0.0.5/24` is `10.0.0.0/24`). Checks run in event-ruler's order: the `/` split (Java
 * `String.split`, so trailing empty pieces vanish and `10.0.0.0/8/` is fine), the mask (Java
 * `Integer.parseInt`: `+8` and `08` are fine, ` 8` is not), its sign, the address, then the mask's
 * upper bound. `/32` and `/128` are rejected as AWS does (quirk Q9).
 *
 * @param text - The operand, e.g. `10.0.0.0/24`.
 * @returns The inclusive range.
 * @throws CidrError with AWS's reason: "Malformed CIDR, one '/' required",
 *   "Malformed CIDR, mask bits must be an integer", "Malformed CIDR, mask bits must not be negative",
 *   "Nonstandard IP address: <ip>", "Invalid IP address: <ip>", "IPv4 mask bits must be < 32",
 *   "IPv6 mask bits must be < 128".
 */
export function parseCidr(text: string): IpRange {
  const pieces = javaSplitSlash(text);
  if (pieces.length !== 2) throw new CidrError("Malformed CIDR, one '/' required");
  const base = pieces[0] ?? '';
  const mask = javaParseInt(pieces[1] ?? '');
  if (mask === undefined) throw new CidrError('Malformed CIDR, mask bits must be an integer');
  if (mask < 0) throw new CidrError('Malformed CIDR, mask bits must not be negative');
  const isV4Shape = hasIpv4Shape(base);
  if (!isV4Shape && !hasIpv6Shape(base)) throw new CidrError(`Nonstandard IP address: ${base}`);
  const ip = isV4Shape
    ? base.length <= MAX_IPV4_TEXT
      ? parseIpv4(base)
      : undefined
    : base.length >= 2
      ? parseIpv6(base)
      : undefined;
  if (ip === undefined) throw new CidrError(`Invalid IP address: ${base}`);
  const bits = ip.family === 4 ? 32 : 128;
  if (mask >= bits) throw new CidrError(ip.family === 4 ? 'IPv4 mask bits must be < 32' : 'IPv6 mask bits must be < 128');
  return rangeOf(ip, mask);
}

/** The range covered by `ip/mask`, computed a hex digit (4 bits) at a time. */
function rangeOf(ip: IpAddress, mask: number): IpRange {
  let low = '';
  let high = '';
  for (let d = 0; d < ip.hex.length; d++) {
    const v = parseInt(ip.hex[d] ?? '0', 16);
    const keep = Math.max(0, Math.min(4, mask - d * 4));
    const hostMask = (1 << (4 - keep)) - 1;
    low += (v & ~hostMask & 0xf).toString(16);
    high += (v | hostMask).toString(16);
  }
  return { family: ip.family, low, high };
}

/** Java `String.split("/")`: split on every `/`, then drop trailing empty pieces. */
function javaSplitSlash(text: string): string[] {
  const pieces = text.split('/');
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

const UNICODE_DIGIT = /^\p{Nd}$/u;

/**
 * Java `Integer.parseInt(s)` (radix 10): an optional `+`/`-`, then one or more decimal digits (any
 * Unicode `Nd` character in the BMP, as `Character.digit` accepts), within 32-bit signed range.
 *
 * @returns The integer, or `undefined` where Java throws NumberFormatException.
 */
function javaParseInt(s: string): number | undefined {
  let i = 0;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    i = 1;
  }
  if (i === s.length) return undefined;
  let value = 0;
  for (; i < s.length; i++) {
    const d = javaDigit(s.charCodeAt(i));
    if (d < 0) return undefined;
    value = value * 10 + d;
    if (value > 2147483648) return undefined;
  }
  if (!negative && value > 2147483647) return undefined;
  return negative ? -value : value;
}

/** `Character.digit(c, 10)` for one UTF-16 code unit: 0–9, or -1. */
function javaDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c < 128 || (c >= 0xd800 && c <= 0xdfff)) return -1;
  if (!UNICODE_DIGIT.test(String.fromCharCode(c))) return -1;
  // Unicode allocates decimal digits in runs of ten starting at zero.
  let start = c;
  while (start > 0 && UNICODE_DIGIT.test(String.fromCharCode(start - 1))) start--;
  return (c - start) % 10;
}

/**
 * Whether an address lies in a range. Families never mix (the fix of quirk Q8): an IPv6 address is
 * never inside an IPv4 block and vice versa; IPv4-mapped IPv6 addresses were already made IPv4 by
 * {@link parseIpAddress}.
 *
 * @param ip - The address.
 * @param range - The range.
 * @returns Whether `range.low <= ip <= range.high` within one family.
 */
export function ipInRange(ip: IpAddress, range: IpRange): boolean {
  return ip.family === range.family && ip.hex >= range.low && ip.hex <= range.high;
}
