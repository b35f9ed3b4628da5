import mongoose from 'mongoose';
import { expect } from 'chai';
import {
  retryLostRace,
  retryDelayMs,
  isStaleVersion,
  isDuplicateKey,
} from '../../server/platform/db/versioned-write.js';
import { conflict, invalid } from '../../server/platform/errors.js';

describe('retrying a write that lost a race', () => {
  it('tries again after losing to another writer and returns what the winning try returned', async () => {
    let tries = 0;
    const result = await retryLostRace(async () => {
      tries += 1;
      if (tries < 3) throw conflict('STALE_VERSION', 'lost');
      return 'saved';
    }, isStaleVersion);
    expect([result, tries]).to.deep.equal(['saved', 3]);
  });

  it('also tries again when the save’s own version check finds the record moved on', async () => {
    let tries = 0;
    const result = await retryLostRace(async () => {
      tries += 1;
      if (tries === 1)
        throw new mongoose.Error.VersionError(
          new (mongoose.model('RetryProbe', new mongoose.Schema({}), 'retry_probe'))() as never,
          1,
          [],
        );
      return 'saved';
    }, isStaleVersion);
    expect([result, tries]).to.deep.equal(['saved', 2]);
  });

  it('throws any other error at once, without trying again', async () => {
    let tries = 0;
    const failing = retryLostRace(async () => {
      tries += 1;
      throw invalid('bad input');
    }, isStaleVersion);
    await failing.then(
      () => expect.fail('should have thrown'),
      (err: Error) => expect(err.message).to.equal('bad input'),
    );
    expect(tries).to.equal(1);
  });

  it('gives up after the allowed number of tries with the last loss', async () => {
    let tries = 0;
    const failing = retryLostRace(
      async () => {
        tries += 1;
        throw Object.assign(new Error(`duplicate ${tries}`), { code: 11000 });
      },
      isDuplicateKey,
      4,
    );
    await failing.then(
      () => expect.fail('should have thrown'),
      (err: Error) => expect(err.message).to.equal('duplicate 4'),
    );
    expect(tries).to.equal(4);
  });

  it('waits longer before each later try, up to a cap, jittered so racers spread out', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const base = Math.min(15 * 2 ** (attempt - 1), 400);
      const delays = Array.from({ length: 50 }, () => retryDelayMs(attempt));
      expect(Math.min(...delays)).to.be.at.least(base * 0.5);
      expect(Math.max(...delays)).to.be.below(base * 1.5);
      expect(new Set(delays).size).to.be.greaterThan(1);
    }
  });
});
