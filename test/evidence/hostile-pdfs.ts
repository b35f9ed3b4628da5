import zlib from 'node:zlib';

/**
 * Small PDFs that cost a reader much: many text runs, many pages, a stream that inflates to a
 * gigabyte. Written byte by byte (objects, cross-reference table, trailer) so that nothing on
 * the way tidies them up.
 */

/** A PDF of `objects` (object n is `objects[n - 1]`, object 1 the catalog) with its xref table. */
function rawPdf(objects: (string | Buffer)[]): Buffer {
  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = objects.map((body, i) => {
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(part);
    offset += part.length;
    return offset - part.length;
  });
  const xref = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

const stream = (dict: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/** Pages that all show the content stream `content` (object 4) in Helvetica (object 3). */
function pdfOfPages(pages: number, content: Buffer): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${5 + i} 0 R`).join(' ');
  const page =
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>';
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    content,
    ...Array.from({ length: pages }, () => page),
  ]);
}

/** One page of `runs` text runs, each placed on its own (about 17 million characters for 400,000): ~220 KB. */
export function textBomb(runs = 400_000): Buffer {
  const ops = ['BT /F1 1 Tf'];
  for (let i = 0; i < runs; i++)
    ops.push(`1 0 0 1 ${10 + (i % 7) * 80} ${780 - (i % 350) * 2} Tm (finding: straight-leg raise positive) Tj`);
  ops.push('ET');
  return pdfOfPages(1, stream('/Filter /FlateDecode', zlib.deflateSync(Buffer.from(ops.join('\n')))));
}

/** `pages` pages sharing one small content stream: ~3 MB for 20,000. */
export function pageBomb(pages = 20_000): Buffer {
  return pdfOfPages(pages, stream('', Buffer.from('BT /F1 12 Tf 72 700 Td (page) Tj ET')));
}

/**
 * One page whose Flate content stream inflates to `mib` MiB of spaces: ~1 MB for a gigabyte. The
 * stream repeats one fully flushed deflate block, so the gigabyte is never held here.
 */
export function decompressionBomb(mib = 1024): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const data = Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array.from({ length: mib }, () => block),
    zlib.deflateRawSync(Buffer.alloc(0)),
    adler32OfSpaces(mib * 1024 * 1024),
  ]);
  return pdfOfPages(1, stream('/Filter /FlateDecode', data));
}

/** The zlib checksum of `n` spaces, in closed form (RFC 1950 §8.2). */
function adler32OfSpaces(n: number): Buffer {
  const [count, space, mod] = [BigInt(n), 0x20n, 65521n];
  const a = (1n + count * space) % mod;
  const b = (count + (space * count * (count + 1n)) / 2n) % mod;
  const out = Buffer.alloc(4);
  out.writeUInt32BE(Number((b << 16n) | a));
  return out;
}
