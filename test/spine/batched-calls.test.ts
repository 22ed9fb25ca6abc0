import { describe, expect, it } from 'vitest';
import { batchedCalls, batchedRead, perDb } from '../../src/core/batched-calls';

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('reads gathered per turn of the event loop', () => {
  it('answers callers of one turn with one call, each with its own result, in order', async () => {
    const runs: number[][] = [];
    const double = batchedCalls(async (xs: number[]) => {
      runs.push(xs);
      return xs.map((x) => x * 2);
    });
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
    // A caller in a later turn starts a batch of its own.
    const first = double(4);
    await nextTurn();
    const second = double(5);
    expect(await Promise.all([first, second])).toEqual([8, 10]);
    expect(runs).toEqual([[1, 2, 3], [4], [5]]);
  });

  it('with one batch in flight, gathers what arrives meanwhile into the next batch', async () => {
    const runs: number[][] = [];
    let release = () => {};
    const write = batchedCalls(
      async (xs: number[]) => {
        runs.push(xs);
        if (runs.length === 1) await new Promise<void>((r) => (release = r));
        return xs;
      },
      { inFlight: 1 },
    );
    const first = write(1);
    await nextTurn();
    const later = [write(2), nextTurn().then(() => write(3))];
    await nextTurn();
    await nextTurn();
    expect(runs).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('fails every caller of a failed batch, and the next batch runs afresh', async () => {
    let fail = true;
    const read = batchedCalls(async (xs: string[]) => {
      if (fail) throw new Error('数据库连接中断');
      return xs;
    });
    const failed = await Promise.allSettled([read('a'), read('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await read('c')).toBe('c');
  });

  it('reads each key once and answers a key that was not found with undefined', async () => {
    const asked: string[][] = [];
    const lookup = batchedRead(async (keys) => {
      asked.push(keys);
      return new Map(keys.filter((k) => k !== 'ou_gone').map((k) => [k, `人员 ${k}`]));
    });
    expect(await Promise.all([lookup('ou_a'), lookup('ou_gone'), lookup('ou_a')])).toEqual(['人员 ou_a', undefined, '人员 ou_a']);
    expect(asked).toEqual([['ou_a', 'ou_gone']]);
  });

  it('keeps the batches of two database handles apart', async () => {
    const seen: Array<[string, string[]]> = [];
    const lookup = perDb((db: { name: string }) =>
      batchedRead(async (keys) => {
        seen.push([db.name, keys]);
        return new Map(keys.map((k) => [k, `${db.name}:${k}`]));
      }),
    );
    const pool = { name: 'pool' };
    const trx = { name: 'trx' };
    expect(await Promise.all([lookup(pool, 'x'), lookup(trx, 'x'), lookup(pool, 'y')])).toEqual(['pool:x', 'trx:x', 'pool:y']);
    expect(seen).toEqual([
      ['pool', ['x', 'y']],
      ['trx', ['x']],
    ]);
  });
});
