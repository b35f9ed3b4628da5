/**
 * A packet assembled in a worker thread (`packet-assembly.ts` runs it): typesetting and merging
 * 40-odd pages holds the CPU for tenths of a second and tens of megabytes, which the request
 * thread must not. An exhibit that cannot be laid out is an answer, not a thrown error, since an
 * error's class does not cross the thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { assemblePacket, ExhibitError, type AssembledPacket, type PacketParts } from './packet-pdf.js';

export type AssemblePacketInput = PacketParts & { port?: MessagePort };

export type AssemblePacketResult =
  { assembled: AssembledPacket } | { unreadableExhibit: { exhibitIndex: number; message: string } };

export default async function assemble({ port: _port, ...parts }: AssemblePacketInput): Promise<AssemblePacketResult> {
  // Buffers arrive as plain Uint8Arrays: the libraries read either, but the types want Buffers.
  const exhibits = parts.exhibits.map((e) => ({
    ...e,
    bytes: Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength),
  }));
  try {
    return { assembled: await assemblePacket({ ...parts, exhibits }) };
  } catch (err) {
    if (err instanceof ExhibitError)
      return { unreadableExhibit: { exhibitIndex: err.exhibitIndex, message: err.message } };
    throw err;
  }
}
