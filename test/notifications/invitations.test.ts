import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { p2pWorld } from '../p2p/support.js';
import { silentLogger } from '../support/app.js';
import { loadTestConfig } from '../../server/config.js';
import { runDueReminders, emailChannel, type Channel } from '../../server/notifications/index.js';
import type { NotificationRecord } from '../../server/notifications/index.js';

/** The physician of a booked P2P call gets its calendar invitation, and each change to it, once. */
describe('peer-to-peer invitations to the physician', () => {
  it(
    'when a call is booked, moved and called off, then the physician gets a REQUEST, ' +
      'an update with the same UID and a higher SEQUENCE, then a CANCEL, each once',
    async () => {
      const w = await p2pWorld();
      const sent: NotificationRecord[] = [];
      const capture: Channel = { name: 'email', send: async (n) => (sent.push(n), { detail: 'captured' }) };
      const deps = { config: loadTestConfig(), logger: silentLogger, clock: w.clock, channels: [capture] };
      const review = await w.requestP2P();
      const booked = await w.http
        .post(`/api/v1/p2p/${review.id}/schedule`)
        .set(w.users.billing.auth)
        .send({ version: review.version, start: '2026-11-30T16:00:00Z', dialIn: '800-555-0100 code 4411#' });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(200);

      await runDueReminders(w.clock.now(), deps);
      await runDueReminders(w.clock.now(), deps);
      const mine = () => sent.filter((n) => n.kind === 'invitation' && n.subject.id === review.id);
      expect(mine()).to.have.length(1);
      const [first] = mine();
      expect(first.recipients.map((r) => r.userId)).to.deep.equal([w.physician.id]);
      expect(first.message.title).to.equal(`Peer-to-peer call ${review.caseReference}, Mon 30 Nov 2026, 11:00 EST`);
      expect(first.attachment).to.include({ method: 'REQUEST' });
      expect(first.attachment!.content)
        .to.contain('SEQUENCE:0')
        .and.contain('DTSTART;TZID=America/Chicago:20261130T100000');
      const uid = /UID:(.+)/.exec(first.attachment!.content)![1].trim();

      const moved = await w.http
        .post(`/api/v1/p2p/${review.id}/schedule`)
        .set(w.users.billing.auth)
        .send({ version: booked.body.version, start: '2026-12-01T16:00:00Z' });
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      await runDueReminders(w.clock.now(), deps);
      const update = mine()[1];
      expect(update.message.title).to.match(/^Moved: Peer-to-peer call/);
      expect(update.attachment!.content)
        .to.contain(`UID:${uid}`)
        .and.contain('SEQUENCE:1')
        .and.contain('20261201T100000');

      const cancelled = await w.http
        .post(`/api/v1/p2p/${review.id}/cancel`)
        .set(w.users.billing.auth)
        .send({ version: moved.body.version, reason: 'Payer withdrew the denial' });
      expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
      await runDueReminders(w.clock.now(), deps);
      await runDueReminders(w.clock.now(), deps);
      expect(mine()).to.have.length(3);
      expect(mine()[2].message.title).to.match(/^Cancelled: Peer-to-peer call/);
      expect(mine()[2].attachment).to.include({ method: 'CANCEL' });
      expect(mine()[2].attachment!.content)
        .to.contain('METHOD:CANCEL')
        .and.contain(`UID:${uid}`)
        .and.contain('SEQUENCE:2');
      // No patient data: the invitation names the case by its reference.
      for (const n of mine()) expect(JSON.stringify(n)).not.to.contain('Alvarez');

      // By email, the invitation is a calendar event the physician's mail client can accept.
      const transport = nodemailer.createTransport({ jsonTransport: true });
      const mails: Record<string, unknown>[] = [];
      const sendMail = transport.sendMail.bind(transport);
      transport.sendMail = ((mail: Record<string, unknown>) => (
        mails.push(mail),
        sendMail(mail)
      )) as typeof transport.sendMail;
      await emailChannel(transport, 'Overturn <no-reply@clinic.test>').send(
        { ...first, recipients: [{ ...first.recipients[0], email: 'dr@clinic.test' }] },
        w.clock.now(),
      );
      expect(mails[0].icalEvent).to.deep.include({ method: 'REQUEST', filename: first.attachment!.filename });
    },
  );
});
