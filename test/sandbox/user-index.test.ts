import { describe, expect, it } from 'vitest';
import { buildOrg, findUserBy } from '../../src/sandbox/org';

describe('the sandbox finds users by id as the org stands, however a test changed it', () => {
  it('finds by open_id, user_id and union_id, and follows removals and additions', () => {
    const org = buildOrg({ units: [{ id: 'D1', name: '测试处', staff: Array.from({ length: 5 }, (_, i) => ({ name: `人员${i}` })) }] });
    const [a, b, c] = org.users;
    expect(findUserBy(org, 'open_id', b!.open_id)).toBe(b);
    expect(findUserBy(org, 'user_id', c!.user_id)).toBe(c);
    expect(findUserBy(org, 'union_id', a!.union_id)).toBe(a);
    expect(findUserBy(org, 'open_id', 'ou_nobody')).toBeUndefined();

    org.users.splice(org.users.indexOf(b!), 1); // b leaves
    expect(findUserBy(org, 'open_id', b!.open_id)).toBeUndefined();
    expect(findUserBy(org, 'user_id', c!.user_id)).toBe(c);
    const last = org.users.pop()!;
    expect(findUserBy(org, 'open_id', last.open_id)).toBeUndefined();
    org.users.push(b!); // and comes back
    expect(findUserBy(org, 'open_id', b!.open_id)).toBe(b);
  });
});
