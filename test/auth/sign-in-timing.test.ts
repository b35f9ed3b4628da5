import { expect } from 'chai';
import { createUser, verifyPassword } from '../../server/auth/index.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * An attacker times sign-ins to learn which addresses are accounts: an unknown address must cost
 * what a wrong password costs. Measured interleaved, so both see the same load on the machine.
 */
describe('sign-in timing', function () {
  this.timeout(60_000);

  it('when an unknown address and a wrong password are tried, the medians differ by under 10%', async () => {
    const email = `timing.${Date.now()}@clinic.test`;
    await createUser({ name: 'Tess Timing', role: 'billing', email, password: 'correct horse battery staple' });
    const timed = async (address: string) => {
      const start = process.hrtime.bigint();
      expect(await verifyPassword(address, 'not the password')).to.equal(null);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 21; i++) {
      known.push(await timed(email));
      unknown.push(await timed(`nobody.${i}@clinic.test`));
    }
    const [k, u] = [median(known), median(unknown)];
    expect(Math.abs(k - u) / Math.max(k, u), `known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`).to.be.below(0.1);
  });
});
