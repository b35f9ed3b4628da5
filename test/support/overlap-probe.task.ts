/**
 * A worker task for the worker pool's tests: counts the tasks running at once in a shared array
 * ([running, most at once]) and stays until another task joins it or `lingerMs` passes, so two
 * tasks allowed to run together are seen together however slowly their workers start.
 */
export default function overlapProbe({ counts, lingerMs }: { counts: Int32Array; lingerMs: number }): number {
  const running = Atomics.add(counts, 0, 1) + 1;
  for (let most = Atomics.load(counts, 1); most < running; most = Atomics.load(counts, 1))
    if (Atomics.compareExchange(counts, 1, most, running) === most) break;
  Atomics.notify(counts, 0);
  if (running === 1) Atomics.wait(counts, 0, 1, lingerMs);
  Atomics.sub(counts, 0, 1);
  return running;
}
