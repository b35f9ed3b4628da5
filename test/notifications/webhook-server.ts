import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface Received {
  key: string;
  body: string;
  signatureOk: boolean;
  timestamp: string | undefined;
}

/**
 * A webhook receiver on 127.0.0.1 that checks each signature and records what arrived.
 * `failures(key)` says how many times to answer 500 for a key before answering 200.
 */
export async function startWebhookServer(secret: string, failures: (key: string) => number = () => 0) {
  const received: Received[] = [];
  const refused = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = (JSON.parse(body) as { key: string }).key;
      const expected = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
      received.push({
        key,
        body,
        signatureOk: req.headers['x-overturn-signature'] === expected,
        timestamp: req.headers['x-overturn-timestamp'] as string | undefined,
      });
      const failed = refused.get(key) ?? 0;
      if (failed < failures(key)) {
        refused.set(key, failed + 1);
        res.writeHead(500).end('unavailable');
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/overturn`,
    received,
    /** How many times each key arrived, for keys that mention one of `references`. */
    countsFor(subjectIds: string[]) {
      const counts = new Map<string, number>();
      for (const r of received)
        if (subjectIds.some((id) => r.key.includes(id))) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
