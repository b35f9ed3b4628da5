import { expect } from 'chai';
import { createUser, verifyPassword } from '../../server/auth/index.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * An attacker times sign-ins to learn which addresses are accounts: an unknown address must cost
 * what a wrong password costs. Measured in pairs, so both sides of each pair see the same load.
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
    // Each pair runs back to back under the same load; the median of the pairs' ratios is what an attacker sees.
    const ratios: number[] = [];
    for (let i = 0; i < 21; i++) {
      const known = await timed(email);
      const unknown = await timed(`nobody.${i}@clinic.test`);
      ratios.push(unknown / known);
    }
    const ratio = median(ratios);
    expect(
      Math.abs(1 - ratio),
      `an unknown address takes ${(ratio * 100).toFixed(0)}% of a wrong password`,
    ).to.be.below(0.1);
  });
});
