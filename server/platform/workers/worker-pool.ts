import path from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { errorFields } from '../errors.js';

/**
 * A pool of worker threads for work that may take long or take much memory on input from
 * outside (text extraction now; packet assembly, OCR and 835 parsing later), so that the request
 * thread keeps answering whatever a file does. Each kind of job is one task file whose default
 * export takes the input (and a `port` for progress) and returns a structured-clonable value.
 */
export interface WorkerSettings {
  /** Worker threads, each running one task at a time. */
  threads: number;
  /** The V8 heap of each worker (`resourceLimits`); a worker that needs more is ended. */
  memoryMb: number;
}

/** What a task came to: its value, or the limit that ended its worker. */
export type TaskOutcome<T> = { ok: true; value: T } | { ok: false; limit: 'memory' | 'time' };

export interface RunOptions {
  /** Wall time from the moment a worker takes the task; past it, the worker is ended. */
  timeoutMs: number;
  /** Messages the task posts on its `port` while it runs (e.g. how many pages it found). */
  onMessage?: (message: unknown) => void;
  /**
   * At most this many tasks of the same file run at once (default: as many as there are
   * workers); the others wait in line without taking a worker, which stays free for other kinds.
   * The first run of a file sets its limit.
   */
  atOnce?: number;
}

/**
 * The task file named `<kind>.task.<ext>` beside `moduleUrl`, with the extension of that module,
 * so the same code runs as TypeScript source and as compiled JavaScript.
 */
export function taskFile(moduleUrl: string, kind: string): string {
  return new URL(`./${kind}.task${path.extname(new URL(moduleUrl).pathname)}`, moduleUrl).href;
}

const WORKER_IDLE_MS = 60_000;
const YOUNG_GENERATION_MB = 8;

/** Turns to run, at most `size` at a time, handed over in the order asked for. */
class Turns {
  private readonly waiting: (() => void)[] = [];
  private running = 0;

  constructor(private readonly size: number) {}

  async take(): Promise<void> {
    if (this.running < this.size) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

export class WorkerPool {
  private readonly pool: Piscina;
  /** Tasks waiting for a free worker: they wait here, so a task's clock starts when it runs. */
  private readonly workers: Turns;
  /** Each task file's own line, for files run with `atOnce`. */
  private readonly files = new Map<string, Turns>();

  constructor(readonly settings: WorkerSettings) {
    // Workers start when there is work and end after a minute without any: a worker that made a
    // packet or read a PDF holds its libraries and heap (tens of MB each), which an idle service
    // should give back. The next task after a pause pays a worker's start (about 0.1 s).
    this.pool = new Piscina({
      minThreads: 0,
      maxThreads: settings.threads,
      idleTimeout: WORKER_IDLE_MS,
      // A small young generation: packet assembly churns through short-lived buffers, and with the
      // default one each worker kept about 55 MB more (twenty packets at once peaked at 299 MB
      // instead of 244 MB), at no measurable cost in time.
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    // A worker that dies between tasks is replaced; tasks learn of failures through their own promise.
    this.pool.on('error', () => {});
    this.workers = new Turns(settings.threads);
  }

  /**
   * Runs the task file `file` on `input` in a worker. A worker ended by its memory limit or by
   * `timeoutMs` gives `{ ok: false, limit }` and is replaced; any other failure is thrown.
   */
  async run<T>(file: string, input: Record<string, unknown>, options: RunOptions): Promise<TaskOutcome<T>> {
    const line = options.atOnce === undefined ? undefined : this.lineOf(file, options.atOnce);
    await line?.take();
    try {
      return await this.runInWorker<T>(file, input, options);
    } finally {
      line?.give();
    }
  }

  private async runInWorker<T>(
    file: string,
    input: Record<string, unknown>,
    options: RunOptions,
  ): Promise<TaskOutcome<T>> {
    await this.workers.take();
    const { port1, port2 } = new MessageChannel();
    if (options.onMessage) port1.on('message', options.onMessage);
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const value: T = await this.pool.run(
        { ...input, port: port2 },
        { filename: file, signal, transferList: [port2] },
      );
      return { ok: true, value };
    } catch (err) {
      if (signal.aborted) return { ok: false, limit: 'time' };
      if (errorFields(err).code === 'ERR_WORKER_OUT_OF_MEMORY') return { ok: false, limit: 'memory' };
      throw err;
    } finally {
      // A worker that ended may have posted messages not yet delivered: they are read before closing.
      for (let left = receiveMessageOnPort(port1); left; left = receiveMessageOnPort(port1))
        options.onMessage?.(left.message);
      port1.close();
      this.workers.give();
    }
  }

  /** Ends every worker; running tasks fail. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private lineOf(file: string, atOnce: number): Turns {
    let line = this.files.get(file);
    if (!line) this.files.set(file, (line = new Turns(Math.max(1, atOnce))));
    return line;
  }
}

const pools = new Map<string, WorkerPool>();

/**
 * The process's pool for these settings, started on first use. Threads are a resource of the
 * process, like the database connection: every app and service in it shares them.
 */
export function workerPool(settings: WorkerSettings): WorkerPool {
  const key = `${settings.threads}:${settings.memoryMb}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = new WorkerPool(settings)));
  return pool;
}

/** Ends every pool of the process (at shutdown). */
export async function closeWorkerPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
