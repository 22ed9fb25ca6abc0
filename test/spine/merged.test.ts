import { describe, expect, it } from 'vitest';
import { merged } from '../../src/core/merged';

describe('merged', () => {
  it('is { ...base, ...more }: a new object, later keys win, the base untouched', () => {
    const base = { id: 'a', tier: '好', total: 95 as number | null };
    const out = merged(base, { tier: '较好', pool: 'u1/一般干部' });
    expect(out).toEqual({ ...base, ...{ tier: '较好', pool: 'u1/一般干部' } });
    expect(Object.keys(out)).toEqual(['id', 'tier', 'total', 'pool']);
    expect(base).toEqual({ id: 'a', tier: '好', total: 95 });
    expect(out).not.toBe(base);
  });
});
