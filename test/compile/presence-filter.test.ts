/**
 * PresenceFilter: never denies a present hash, under the owner's refill protocol, and denies most
 * absent ones.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PresenceFilter } from '../../src/compile/presence-filter.js';

/** A multiset of hashes kept by the protocol an owner follows (refill when asked). */
class Owner {
  readonly filter = new PresenceFilter();
  readonly present: number[] = [];

  add(h: number): void {
    this.present.push(h);
    if (this.filter.add(h)) this.filter.refill(this.present, this.present.length);
  }

  remove(i: number): void {
    this.present.splice(i, 1);
    if (this.filter.remove()) this.filter.refill(this.present, this.present.length);
  }
}

describe('PresenceFilter', () => {
  test('should never deny a present hash under random adds and removes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer().map((h) => ({ add: h })), fc.nat().map((r) => ({ remove: r }))), { maxLength: 400 }), (ops) => {
        const owner = new Owner();
        owner.filter.refill([], 0);
        for (const op of ops) {
          if ('add' in op) owner.add(op.add);
          else if (owner.present.length > 0) owner.remove(op.remove % owner.present.length);
          for (const h of owner.present) expect(owner.filter.mayHave(h)).toBe(true);
        }
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  test('should deny most absent hashes', () => {
    const owner = new Owner();
    owner.filter.refill([], 0);
    for (let i = 0; i < 1000; i++) owner.add(Math.imul(i, 0x9e3779b1));
    let allowed = 0;
    for (let i = 1000; i < 11_000; i++) if (owner.filter.mayHave(Math.imul(i, 0x9e3779b1))) allowed++;
    expect(allowed).toBeLessThan(2500);
  });
});
