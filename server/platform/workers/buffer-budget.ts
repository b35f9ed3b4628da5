/**
 * A budget for the binary buffers a task fills, installed inside a worker by its task file.
 *
 * `resourceLimits` bound a worker's V8 heap, not the ArrayBuffers outside it, and decoders keep
 * their output there: a 1 MB PDF whose one Flate stream inflates to a gigabyte of spaces grew the
 * process by 2 GB inside a worker limited to 256 MB. So each typed array or ArrayBuffer made from
 * a length is counted while it lives (until it is collected), and one that would take the total
 * past the budget is refused with a RangeError; the task asks `overBudget()` afterwards, since
 * a library may catch the error and go on with what it has.
 *
 * Importing this module installs the counting in the importing thread, so a task file imports
 * it before any library (some keep a reference to `Uint8Array` from when they load). Only task
 * files import it: never the main thread.
 */

/** Smaller buffers are left uncounted: they cost more to track than they weigh. */
const COUNTED_BYTES = 64 * 1024;

let budget = Infinity;
let live = 0;
let refused = false;
const collected = new FinalizationRegistry<number>((bytes) => {
  live -= bytes;
});

/** Starts a task's budget of `bytes` (tasks in a worker run one at a time). */
export function startBufferBudget(bytes: number): void {
  budget = bytes;
  refused = false;
}

/** Whether the running task was refused a buffer. */
export function overBudget(): boolean {
  return refused;
}

function install(): void {
  // Web decompression writes its output natively, past any count: without it, pdf.js and others
  // fall back to inflating in JavaScript into the arrays counted here.
  Reflect.deleteProperty(globalThis, 'DecompressionStream');
  for (const name of ARRAY_TYPES) Reflect.set(globalThis, name, counted(Reflect.get(globalThis, name)));
}

const ARRAY_TYPES = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
] as const;

/** The constructor, seen through a proxy that counts what it allocates from a length. */
function counted(type: new (length: number) => ArrayBufferLike | ArrayBufferView): object {
  const unit = 'BYTES_PER_ELEMENT' in type ? Number(type.BYTES_PER_ELEMENT) : 1;
  const proxy = new Proxy(type, {
    construct(target, args, newTarget) {
      const bytes = typeof args[0] === 'number' ? args[0] * unit : 0;
      if (bytes >= COUNTED_BYTES && live + bytes > budget) {
        refused = true;
        throw new RangeError('The buffer budget of this task is spent');
      }
      // Made by the constructor itself when `new` named the proxy: made with the proxy as
      // new.target, a typed array gets a map of its own that V8's optimised code does not expect,
      // and pdf.js's JPEG decoder ran seven times slower on such arrays. A subclass keeps its own.
      const made: object = Reflect.construct(target, args, newTarget === proxy ? target : newTarget);
      if (bytes >= COUNTED_BYTES) {
        live += bytes;
        collected.register(made, bytes);
      }
      return made;
    },
  });
  return proxy;
}

install();
