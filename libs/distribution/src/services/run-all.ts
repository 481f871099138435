/**
 * Runs `task` over `items`, at most `concurrency` at a time. One failing task does not stop the
 * others; once all have run, the failures are thrown together (an AggregateError), so that the
 * caller's job fails and is retried, or its caller logs them.
 */
export async function runAll<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (failures.length) {
    const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
    throw new AggregateError(failures, `${failures.length} of ${items.length} tasks failed; the first: ${first}`);
  }
}
