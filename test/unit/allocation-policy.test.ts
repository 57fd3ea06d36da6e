import { describe, expect, it } from 'vitest';
import { allocationPlan, geoBuckets, sharedOrder } from '../../src/masking/allocation-policy.js';

const sf = { country: 'US', region: '415' };
const ny = { country: 'US', region: '212' };
const sf2 = { country: 'US', region: '415' };
const berlin = { country: 'DE', region: '' };
const nonGeo = { country: '', region: '' };

describe('allocation policy', () => {
  it('lists a number’s buckets most specific first', () => {
    expect(geoBuckets(sf)).toEqual(['US:415', 'US', '*']);
    expect(geoBuckets(berlin)).toEqual(['DE', '*']);
    expect(geoBuckets(nonGeo)).toEqual(['*']);
  });

  it('prefers the first party’s area, then the second’s, then countries, then anywhere', () => {
    expect(sharedOrder(sf, ny)).toEqual(['US:415', 'US:212', 'US', '*']);
    expect(sharedOrder(ny, sf)).toEqual(['US:212', 'US:415', 'US', '*']);
  });

  it('does not repeat buckets the parties share', () => {
    expect(sharedOrder(sf, sf2)).toEqual(['US:415', 'US', '*']);
  });

  it('mixes countries without areas', () => {
    expect(sharedOrder(berlin, ny)).toEqual(['US:212', 'DE', 'US', '*']);
    expect(sharedOrder(nonGeo, nonGeo)).toEqual(['*']);
  });

  it('plans one shared order for shared and dedicated sessions', () => {
    expect(allocationPlan('shared', sf, ny)).toEqual({ first: ['US:415', 'US:212', 'US', '*'], second: [] });
    expect(allocationPlan('dedicated', sf, ny)).toEqual({ first: ['US:415', 'US:212', 'US', '*'], second: [] });
  });

  it('plans each party’s own buckets in per-participant mode', () => {
    expect(allocationPlan('per-participant', sf, berlin)).toEqual({ first: ['US:415', 'US', '*'], second: ['DE', '*'] });
  });
});
