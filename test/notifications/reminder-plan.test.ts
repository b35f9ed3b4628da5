import { expect } from 'chai';
import {
  dueNotices,
  offsetLabel,
  type DeadlineSource,
  type PlanSettings,
} from '../../server/notifications/reminder-plan.js';

const settings: PlanSettings = {
  deadlineOffsetsMinutes: [7 * 1440, 3 * 1440, 1440],
  p2pCallOffsetsMinutes: [1440, 120],
  clinicTimeZone: 'America/New_York',
  localTime: '09:00',
};
const subject = { type: 'case' as const, id: 'c1', caseId: 'c1', reference: 'OVT-2026-00001' };
const filing: DeadlineSource = {
  subject,
  kind: 'filing',
  level: 'internal_appeal',
  dueDate: '2026-12-10',
  recipientIds: [],
};
const keysAt = (iso: string, sources: DeadlineSource[] = [filing]) =>
  dueNotices(sources, new Date(iso), settings).map((n) => n.key);

describe('reminder plan', () => {
  it('when a filing deadline is 2026-12-10, then nothing is due until 09:00 New York time seven days before', () => {
    expect(keysAt('2026-12-03T13:59:00Z')).to.deep.equal([]);
    expect(keysAt('2026-12-03T14:00:00Z')).to.deep.equal(['case:c1:filing:2026-12-10:7d']);
  });

  it(
    'when several offsets have passed (a late start or an outage), then only ' +
      'the one closest to the deadline is sent',
    () => {
      expect(keysAt('2026-12-08T15:00:00Z')).to.deep.equal(['case:c1:filing:2026-12-10:3d']);
      expect(keysAt('2026-12-10T22:00:00Z')).to.deep.equal(['case:c1:filing:2026-12-10:1d']);
    },
  );

  it(
    'when the due day has ended in the clinic’s zone with the deadline still ' +
      'open, then it is escalated once, and not after the lookback',
    () => {
      expect(keysAt('2026-12-11T04:59:00Z')).to.deep.equal(['case:c1:filing:2026-12-10:1d']);
      const [escalation] = dueNotices([filing], new Date('2026-12-11T05:00:00Z'), settings);
      expect(escalation).to.include({ key: 'case:c1:filing:2026-12-10:overdue', kind: 'escalation' });
      expect(keysAt('2027-01-11T06:00:00Z')).to.deep.equal([]);
    },
  );

  it(
    'when a P2P call is at an instant, then reminders go 1 day and 2 hours before ' +
      'it, and an unrecorded outcome is escalated after its overdue time',
    () => {
      const call: DeadlineSource = {
        subject: { ...subject, type: 'p2p', id: 'p1' },
        kind: 'p2p_call',
        dueAt: new Date('2026-11-25T16:00:00Z'),
        overdueAt: new Date('2026-11-26T16:30:00Z'),
        recipientIds: [],
      };
      expect(keysAt('2026-11-24T15:59:00Z', [call])).to.deep.equal([]);
      expect(keysAt('2026-11-24T16:00:00Z', [call])).to.deep.equal(['p2p:p1:p2p_call:2026-11-25T16:00:00Z:1d']);
      expect(keysAt('2026-11-25T14:00:00Z', [call])).to.deep.equal(['p2p:p1:p2p_call:2026-11-25T16:00:00Z:2h']);
      expect(keysAt('2026-11-25T18:00:00Z', [call])).to.deep.equal(['p2p:p1:p2p_call:2026-11-25T16:00:00Z:2h']);
      expect(keysAt('2026-11-26T16:30:00Z', [call])).to.deep.equal(['p2p:p1:p2p_call:2026-11-25T16:00:00Z:overdue']);
    },
  );

  it('labels offsets by their largest whole unit', () => {
    expect([10080, 120, 90].map(offsetLabel)).to.deep.equal(['7d', '2h', '90m']);
  });
});
