/**
 * IP addresses and CIDR blocks (SEMANTICS §3.11). Addresses are kept as fixed-width lowercase hex
 * (8 digits for IPv4, 32 for IPv6) so that comparing strings compares addresses; IPv4-mapped IPv6
 * addresses (`::ffff:a00:1`) are IPv4.
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
