import { describe, expect, test } from 'vitest';
import { KeyedMutex } from '../src/ingest/locks.js';
import { ThreadCache } from '../src/ingest/thread-cache.js';
import { GroupCommitter } from '../src/store/group-commit.js';
import { make, T0 } from './relay-fixtures.js';

describe('GroupCommitter', () => {
  function committer(fail = () => false) {
    const batches: number[][] = [];
    const published: number[] = [];
    const errors: unknown[] = [];
    const group = new GroupCommitter<number, number>({
      commit: async (records) => {
        if (fail()) throw new Error('disk full');
        batches.push(records);
        return records.map((r) => r * 10);
      },
      committed: (results) => published.push(...results),
      maxBatch: 3,
      onError: (err) => errors.push(err),
    });
    return { group, batches, published, errors };
  }

  test('batches what arrives together, in order, at most maxBatch per commit', async () => {
    const { group, batches, published } = committer();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(published).toEqual([10, 20, 30, 40, 50]);
  });

  test('a failed commit fails its records and every record queued behind it', async () => {
    let failing = true;
    const { group, errors } = committer(() => failing);
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => group.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(errors).toHaveLength(1);
    failing = false;
    expect(await group.submit(7)).toBe(70);
  });

  test('flush waits for every submitted record', async () => {
    const { group, published } = committer();
    for (const n of [1, 2, 3, 4]) void group.submit(n);
    expect(group.pending).toBe(4);
    await group.flush();
    expect(group.pending).toBe(0);
    expect(published).toEqual([10, 20, 30, 40]);
  });
});

describe('KeyedMutex', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  test('runs calls for one key one at a time, in call order; other keys run meanwhile', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string, name: string) =>
      mutex.run(key, async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
      });
    await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1')]);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
    expect(mutex.size).toBe(0);
  });

  test('runAll holds several keys without deadlock, and a failing call releases them', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const results = await Promise.allSettled([
      mutex.runAll(['x', 'y'], async () => {
        await tick();
        order.push('xy');
        throw new Error('boom');
      }),
      mutex.runAll(['y', 'x'], async () => {
        order.push('yx');
      }),
      mutex.run('x', async () => {
        order.push('x');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(order).toEqual(['xy', 'yx', 'x']);
    expect(mutex.size).toBe(0);
  });
});

describe('ThreadCache', () => {
  const snapshot = () => ({ intent: make.intent({ at: T0 }) }) as never;

  test('keeps staged threads until their messages commit, and evicts the least recently used', () => {
    const cache = new ThreadCache(2);
    const [a, b, c, staged] = [snapshot(), snapshot(), snapshot(), snapshot()];
    cache.stage('s', staged);
    cache.stage('s', staged);
    cache.remember('a', a);
    cache.remember('b', b);
    expect(cache.get('a')).toBe(a);
    cache.remember('c', c);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('s')).toBe(staged);
    cache.committed('s');
    expect(cache.hasPending('s')).toBe(true);
    cache.committed('s');
    expect(cache.hasPending('s')).toBe(false);
    expect(cache.get('s')).toBe(staged);
    cache.reset();
    expect(cache.get('s')).toBeUndefined();
  });
});
