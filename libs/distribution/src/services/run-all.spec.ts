import { runAll } from './run-all';

describe('runAll', () => {
  it('runs every item even when some fail, then throws the failures together', async () => {
    const done: number[] = [];
    const run = runAll([1, 2, 3, 4, 5], 2, async (n) => {
      if (n % 2 === 0) throw new Error(`item ${n}`);
      done.push(n);
    });
    await expect(run).rejects.toThrow('2 of 5 tasks failed; the first: item 2');
    await run.catch((error: AggregateError) => expect(error.errors.map((e: Error) => e.message).sort()).toEqual(['item 2', 'item 4']));
    expect(done.sort()).toEqual([1, 3, 5]);
  });

  it('resolves when every task succeeds, at most `concurrency` at a time', async () => {
    let running = 0;
    let most = 0;
    await runAll([1, 2, 3, 4, 5, 6], 3, async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    });
    expect(most).toBe(3);
  });
});
