/**
 * A packet assembled in a worker thread (`packet-assembly.ts` runs it): typesetting and merging
 * 40-odd pages holds the CPU for tenths of a second and tens of megabytes, which the request
 * thread must not. The exhibits arrive as file paths and are read here, once the worker has
 * taken the task, so packets waiting for a worker hold no file in the request thread's memory.
 * An exhibit that cannot be laid out is an answer, not a thrown error, since an error's class
 * does not cross the thread.
 */
import fs from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import { assemblePacket, ExhibitError, type AssembledPacket } from './packet-pdf.js';
import type { PacketFiles } from './packet-assembly.js';

export type AssemblePacketInput = PacketFiles & { port?: MessagePort };

export type AssemblePacketResult =
  { assembled: AssembledPacket } | { unreadableExhibit: { exhibitIndex: number; message: string } };

export default async function assemble({ port: _port, ...parts }: AssemblePacketInput): Promise<AssemblePacketResult> {
  const exhibits = await Promise.all(
    parts.exhibits.map(async ({ file, ...exhibit }) => ({ ...exhibit, bytes: await fs.readFile(file) })),
  );
  try {
    return { assembled: await assemblePacket({ ...parts, exhibits }) };
  } catch (err) {
    if (err instanceof ExhibitError)
      return { unreadableExhibit: { exhibitIndex: err.exhibitIndex, message: err.message } };
    throw err;
  }
}
