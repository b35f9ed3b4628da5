import { expect } from 'chai';
import fs from 'node:fs';
import { loadConfig, configSchema } from '../../server/config.js';

describe('configuration', () => {
  it('when nothing is set, then a local development setup is described', () => {
    const c = loadConfig({});
    expect(c).to.include({ env: 'development', port: 3000, seedDemo: true, trustProxy: false, mongodbUri: undefined });
    expect(c.dataDir).to.match(/data$/);
    expect(Object.isFrozen(c)).to.equal(true);
  });
  it('when HOST is unset, then it listens on loopback, except in production behind its proxy', () => {
    expect(loadConfig({}).host).to.equal('127.0.0.1');
    expect(loadConfig({ HOST: '10.0.0.5' }).host).to.equal('10.0.0.5');
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://db/o' }).host,
    ).to.equal('0.0.0.0');
  });

  it('when several values are wrong, then one error names each key', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud' })).to.throw(
      /PORT[\s\S]*MONGODB_URI[\s\S]*LOG_LEVEL/,
    );
  });
  it('when MONGODB_URI is a MongoDB URL, then it is used as given', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db.internal:27017/overturn?replicaSet=rs0' }).mongodbUri).to.equal(
      'mongodb://db.internal:27017/overturn?replicaSet=rs0',
    );
  });
  it(
    'when MAIL_FROM is a placeholder .invalid address, or missing while SMTP_URL is set, then the ' +
      'configuration is refused: invitations and emails come from a mailbox the clinic reads',
    () => {
      expect(() => loadConfig({ MAIL_FROM: 'Overturn <no-reply@overturn.invalid>' })).to.throw(/MAIL_FROM/);
      expect(() => loadConfig({ SMTP_URL: 'smtp://mail.clinic.example.org:587' })).to.throw(/MAIL_FROM/);
      expect(loadConfig({ MAIL_FROM: 'Appeals <appeals@clinic.example.org>' }).notify.mailFrom).to.equal(
        'Appeals <appeals@clinic.example.org>',
      );
      expect(loadConfig({}).notify.mailFrom).to.equal(undefined);
    },
  );
  it('documents every key it reads in .env.example', () => {
    const example = fs.readFileSync('.env.example', 'utf8');
    const keys = Object.keys((configSchema.describe() as { keys: Record<string, unknown> }).keys);
    expect(keys.length).to.be.greaterThan(20);
    for (const key of keys) expect(example, key).to.match(new RegExp(`^# ${key}=`, 'm'));
  });
});
