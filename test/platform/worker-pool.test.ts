import { expect } from 'chai';
import { taskFile, WorkerPool } from '../../server/platform/workers/worker-pool.js';

const PROBE = taskFile(new URL('../support/x.ts', import.meta.url).href, 'overlap-probe');

/** Runs `tasks` probes at once; answers the most that ran together. Each stays up to `lingerMs` for another. */
async function mostAtOnce(pool: WorkerPool, tasks: number, lingerMs: number, atOnce?: number): Promise<number> {
  const counts = new Int32Array(new SharedArrayBuffer(8));
  const outcomes = await Promise.all(
    Array.from({ length: tasks }, () => pool.run(PROBE, { counts, lingerMs }, { timeoutMs: 60_000, atOnce })),
  );
  expect(outcomes.every((o) => o.ok)).to.equal(true);
  return Atomics.load(counts, 1);
}

describe('worker pool: tasks of one kind limited to some of the workers', () => {
  let pool: WorkerPool;
  beforeEach(() => (pool = new WorkerPool({ threads: 2, memoryMb: 64 })));
  afterEach(() => pool.close());

  it('when two tasks without a limit are asked for together on two workers, then they run side by side', async () => {
    expect(await mostAtOnce(pool, 2, 20_000)).to.equal(2);
  });

  it('when three tasks of a kind limited to one at once are asked for together, then they run one by one', async () => {
    // Both workers started first, so a second task let through would be taken at once.
    await mostAtOnce(pool, 2, 20_000);
    expect(await mostAtOnce(pool, 3, 1000, 1)).to.equal(1);
  });
});
