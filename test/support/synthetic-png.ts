import zlib from 'node:zlib';

/**
 * Encodes an 8-bit PNG from a pixel function, for scanned-page stand-ins in tests and the
 * benchmark. `channels` is 1 (greyscale) or 3 (RGB); `sample(x, y, c)` gives each byte.
 */
export function syntheticPng(
  width: number,
  height: number,
  channels: 1 | 3,
  sample: (x: number, y: number, channel: number) => number,
): Buffer {
  const stride = width * channels + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter type: none
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) raw[y * stride + 1 + x * channels + c] = sample(x, y, c) & 0xff;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, channels === 1 ? 0 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
