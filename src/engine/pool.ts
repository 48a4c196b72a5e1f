/**
 * Runs `worker` over a stream with at most `concurrency` in flight. Lanes pull from one shared
 * iterator (async generators queue concurrent `next()` calls), so the source is read only as
 * fast as items finish: a 100,000-item dataset is never held in memory.
 */
export async function runPool<T>(
  source: AsyncIterable<T>,
  concurrency: number,
  worker: (value: T) => Promise<void>,
  shouldStop: () => boolean,
): Promise<void> {
  const iterator = source[Symbol.asyncIterator]();
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && !shouldStop()) {
      const next = await iterator.next();
      if (next.done) return;
      try {
        await worker(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  await iterator.return?.();
  if (failure) throw failure.error;
}
