import { expect } from 'chai';
import sharp from 'sharp';
import { DamagedTiffError, squarePixels, tiffPages } from '../../server/platform/images/tiff-pages.js';

/** A page of text-like stripes, `width` × `height`, as one grey PNG. */
function stripes(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height, 255);
  for (let y = 0; y < height; y += 8) pixels.fill(0, y * width, y * width + width * 2);
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

/** A one-page uncompressed 8-bit grey TIFF written by hand in big-endian order (`MM\0*`), all white. */
function bigEndianGrey(width: number, height: number): Buffer {
  const fields = [
    [256, width],
    [257, height],
    [258, 8],
    [259, 1],
    [262, 1],
    [273, 0], // the strip's offset, set below
    [277, 1],
    [278, height],
    [279, width * height],
  ];
  const ifdSize = 2 + fields.length * 12 + 4;
  const file = Buffer.alloc(8 + ifdSize + width * height, 0xff);
  file.write('MM\0*', 0, 'latin1');
  file.writeUInt32BE(8, 4);
  file.writeUInt16BE(fields.length, 8);
  fields.forEach(([tag, value], k) => {
    const at = 10 + k * 12;
    const long = tag === 273 || tag === 279;
    file.writeUInt16BE(tag, at);
    file.writeUInt16BE(long ? 4 : 3, at + 2);
    file.writeUInt32BE(1, at + 4);
    if (long) file.writeUInt32BE(tag === 273 ? 8 + ifdSize : value, at + 8);
    else file.writeUInt32BE(value << 16, at + 8);
  });
  file.writeUInt32BE(0, 10 + fields.length * 12);
  return file;
}

const reasonOf = (bytes: Buffer) => {
  try {
    tiffPages(bytes);
    return 'read';
  } catch (err) {
    expect(err).to.be.instanceOf(DamagedTiffError);
    return (err as Error).message;
  }
};

describe('platform: TIFF pages', () => {
  it('when a fax, grey LZW, big-endian and BigTIFF files are walked, then each page has its size', async () => {
    const page = await stripes(408, 196);
    const fax = await sharp([page, page, page], { join: { animated: true } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 98 / 25.4 })
      .toBuffer();
    expect(tiffPages(fax)).to.have.length(3);
    expect(tiffPages(fax)[2]).to.deep.include({ width: 408, height: 196 });
    expect(tiffPages(fax)[0].xDpi).to.be.closeTo(204, 0.5);
    expect(tiffPages(fax)[0].yDpi).to.be.closeTo(98, 0.5);

    const grey = await sharp(page)
      .toColourspace('b-w')
      .tiff({ compression: 'lzw', xres: 300 / 25.4, yres: 300 / 25.4 })
      .toBuffer();
    expect(tiffPages(grey)).to.have.length(1);
    expect(tiffPages(grey)[0].xDpi).to.be.closeTo(300, 0.5);

    const motorola = bigEndianGrey(3, 2);
    expect(await sharp(motorola).metadata()).to.deep.include({ format: 'tiff', width: 3, height: 2 });
    expect(tiffPages(motorola)).to.deep.equal([{ width: 3, height: 2 }]);

    const big = await sharp(page).tiff({ compression: 'lzw', bigtiff: true }).toBuffer();
    expect(big.readUInt16LE(2)).to.equal(43);
    expect(tiffPages(big)[0]).to.deep.include({ width: 408, height: 196 });
  });

  it('when a TIFF is cut off, loops, or has a compression libtiff cannot read, then it is damaged', async () => {
    const page = await stripes(408, 196);
    const two = await sharp([page, page], { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    expect(reasonOf(two)).to.equal('read');
    expect(reasonOf(two.subarray(0, 8))).to.equal('not a TIFF header');
    expect(reasonOf(two.subarray(0, two.length - 20))).to.match(/incomplete$/);

    // The first directory's "next" offset pointed back at itself.
    const first = two.readUInt32LE(4);
    const entries = two.readUInt16LE(first);
    const looped = Buffer.from(two);
    looped.writeUInt32LE(first, first + 2 + entries * 12);
    expect(reasonOf(looped)).to.equal('the image directories loop');

    // Compression 6 (old-style JPEG) written into the first page's Compression entry.
    const oldJpeg = Buffer.from(two);
    for (let k = 0; k < entries; k++) {
      const at = first + 2 + k * 12;
      if (oldJpeg.readUInt16LE(at) === 259) oldJpeg.writeUInt16LE(6, at + 8);
    }
    expect(reasonOf(oldJpeg)).to.equal('page 1 is compressed in a way this service cannot read (6)');
  });

  it('when a standard-mode fax page is made ready, then its pixels are square, at 300 or its finer dpi', async () => {
    const page = await stripes(408, 196);
    const fax = await sharp(page)
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 98 / 25.4 })
      .toBuffer();
    const [info] = tiffPages(fax);
    // 2 inches across and 2 inches down.
    const at300 = await squarePixels(sharp(fax), info, { dpi: 300 }).png().toBuffer({ resolveWithObject: true });
    expect([at300.info.width, at300.info.height]).to.deep.equal([600, 600]);
    const asIs = await squarePixels(sharp(fax), info).png().toBuffer({ resolveWithObject: true });
    expect([asIs.info.width, asIs.info.height]).to.deep.equal([408, 408]);
    const capped = await squarePixels(sharp(fax), info, { dpi: 300, maxSidePixels: 300 })
      .png()
      .toBuffer({ resolveWithObject: true });
    expect([capped.info.width, capped.info.height]).to.deep.equal([300, 300]);
  });
});
