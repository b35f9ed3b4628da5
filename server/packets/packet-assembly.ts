/**
 * Runs packet assembly on the process's worker pool (platform/workers), so the request thread
 * keeps answering while packets are made, and at most half the workers (at least one) make
 * packets at once: twenty packets asked for together wait their turn instead of holding twenty
 * in memory, and the other workers stay free to read uploads. The exhibits go to the worker as
 * file paths, read there when it takes the task, so a packet in line holds its exhibits' names,
 * not their bytes.
 */
import { taskFile, workerPool, type WorkerSettings } from '../platform/workers/worker-pool.js';
import { unprocessable } from '../platform/errors.js';
import { ExhibitError, type AssembledPacket, type ExhibitSource, type PacketParts } from './packet-pdf.js';
import type { AssemblePacketResult } from './assemble-packet.task.js';

const ASSEMBLE_PACKET = taskFile(import.meta.url, 'assemble-packet');

// Well above the ~0.1–0.5 s a 44-page packet takes here: past it, something is wrong with a file.
const ASSEMBLY_TIMEOUT_MS = 120_000;

/**
 * Packets assembled at once. Each assembly holds about 80 MB while it runs (its worker's heap
 * with fonts being subset, pdf-lib's documents, compression buffers) whatever the packet's size,
 * and on two cores a second one at once bought no time: 20 packets at once peaked at 275 MB
 * with two and 208 MB with one, in 124 s and 115 s (the goal is 250 MB).
 */
const packetsAtOnce = (workers: WorkerSettings) => Math.max(1, Math.floor(workers.threads / 2));

/** An exhibit as the worker takes it: its stored file instead of its bytes. */
export type ExhibitFile = Omit<ExhibitSource, 'bytes'> & { file: string };

/** A packet's parts with its exhibits named by file. */
export type PacketFiles = Omit<PacketParts, 'exhibits'> & { exhibits: ExhibitFile[] };

/**
 * The packet's PDF and layout, built in a worker.
 * @throws ExhibitError for an exhibit that cannot be laid out; 422 PACKET_OVER_LIMITS when the
 *   worker's memory or time runs out
 */
export async function assembleInWorker(parts: PacketFiles, workers: WorkerSettings): Promise<AssembledPacket> {
  const outcome = await workerPool(workers).run<AssemblePacketResult>(
    ASSEMBLE_PACKET,
    { ...parts },
    { timeoutMs: ASSEMBLY_TIMEOUT_MS, atOnce: packetsAtOnce(workers) },
  );
  if (!outcome.ok)
    throw unprocessable(
      'PACKET_OVER_LIMITS',
      `The packet could not be assembled within this service's limits (${outcome.limit}); ` +
        'enclose fewer or smaller exhibits, or raise WORKER_MEMORY_MB',
    );
  if ('unreadableExhibit' in outcome.value) {
    const { exhibitIndex, message } = outcome.value.unreadableExhibit;
    throw new ExhibitError(exhibitIndex, message);
  }
  const { assembled } = outcome.value;
  // The PDF arrives as a plain Uint8Array from the worker; the file store and hash take a Buffer.
  return { ...assembled, pdf: Buffer.from(assembled.pdf.buffer, assembled.pdf.byteOffset, assembled.pdf.byteLength) };
}
