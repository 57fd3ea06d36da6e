import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/webhooks/delivery-worker.js';

describe('webhook retry backoff', () => {
  it('doubles per failure, within [ceiling/2, ceiling], capped', () => {
    expect(backoffMs(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, () => 0.5)).toBe(45_000);
    expect(backoffMs(1000, 1000, 3_600_000, () => 1)).toBe(3_600_000);
  });
});
