import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { SessionModel } from '../../server/attendance/attendance.model.js';
import { attendanceApp, openKneeCase } from './support.js';

const HEADER =
  'appointment_id,date,time,status,reason,barrier,alternatives_offered,alternatives_accepted,patient_choice';

/** A scheduler's export of the knee patient's appointments: two attended, a no-show, a refusal, one cancelled. */
const EXPORT = [
  HEADER,
  'A-2001,2026-11-02,09:30,Arrived,,,,,',
  'A-2002,11/04/2026,09:30,No Show,"The bus takes two hours each way",transport,' +
    'transport_benefit;telehealth,telehealth,',
  'A-2003,2026-11-06,09:30,cancelled,,,,,',
  'A-2004,2026-11-09,09:30,refused,"Too much pain after the last visit",pain,shorter_session,shorter_session,',
  'A-2005,2026-11-11,09:30,checked_out,,,,,',
].join('\r\n');

describe('attendance import: a scheduler’s CSV export of the patient’s appointments', () => {
  const { http } = attendanceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  const upload = (caseId: string, csv: string, user = users.clinician) =>
    http
      .post(`/api/v1/cases/${caseId}/attendance/import`)
      .set(user.auth)
      .attach('file', Buffer.from(csv), { filename: 'export.csv', contentType: 'text/csv' });

  it(
    'when the export is imported, then its sessions are recorded in the scheduler’s words mapped to ours, ' +
      'the timely cancellation passed over, and importing it again records nothing new',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      const first = await upload(knee.id, EXPORT);
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(first.body).to.deep.include({ rows: 5, recorded: 4, alreadyRecorded: 0, cancelled: 1, problems: [] });
      const list = (await http.get(`/api/v1/cases/${knee.id}/attendance`).set(users.billing.auth)).body;
      expect(list.sessions.map((s: { outcome: string }) => s.outcome)).to.deep.equal([
        'attended',
        'no_show',
        'refused',
        'attended',
      ]);
      expect(list.sessions[1]).to.deep.include({
        date: '2026-11-04',
        appointmentId: 'A-2002',
        reason: 'The bus takes two hours each way',
        barrier: 'transport',
        alternativesOffered: ['transport_benefit', 'telehealth'],
        alternativesAccepted: ['telehealth'],
        source: 'imported',
        recordedByName: users.clinician.name,
      });
      expect(list.totals).to.include({ scheduled: 4, held: 2 });

      const again = await upload(knee.id, EXPORT);
      expect(again.body).to.deep.include({ recorded: 0, alreadyRecorded: 4 });
      expect(await SessionModel.countDocuments({ caseId: knee.id })).to.equal(4);
    },
  );

  it(
    'when the header lacks the status column and has one not in the layout, then the file is refused whole (422) ' +
      'naming both, and nothing is recorded',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      const res = await upload(knee.id, 'appointment_id,date,outcome\r\nA-1,2026-11-02,attended\r\n');
      expect(res.status).to.equal(422);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body.code).to.equal('ATTENDANCE_CSV_INVALID');
      expect(res.body.errors).to.deep.include.members([
        { field: 'column 3', message: 'not a column of the layout' },
        { field: 'status', message: 'required column missing' },
      ]);
      expect(await SessionModel.countDocuments({ caseId: knee.id })).to.equal(0);
    },
  );

  it(
    'when some rows are bad, then each is reported by its row number and column without its words, ' +
      'and the good rows are recorded',
    async () => {
      const knee = await openKneeCase(http, users.billing, users.clinician);
      const csv = [
        HEADER,
        'B-1,2026-11-02,09:30,attended,,,,,',
        'B-2,2026-13-40,09:30,no_show,"My daughter could not drive me",transport,,,',
        'B-3,2026-11-04,09:30,vanished,,,,,',
        'B-4,2026-11-05,09:30,attended,"Secret words",,,,',
        'B-5,2026-11-06,09:30,refused,"Scared of falling",fear,home_program,telehealth,',
        'B-1,2026-11-07,09:30,attended,,,,,',
        'B-7,2026-11-09,09:30,no_show,"Bus strike",transport,,,',
      ].join('\n');
      const res = await upload(knee.id, csv);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.recorded).to.equal(2);
      expect(res.body.problems.map((p: { row: number; column?: string }) => [p.row, p.column])).to.deep.equal([
        [3, 'date'],
        [4, 'status'],
        [5, 'reason'],
        [6, 'alternatives_accepted'],
        [7, undefined],
      ]);
      expect(res.body.problems[4].reason).to.equal('the same session as row 2');
      expect(JSON.stringify(res.body)).not.to.match(/daughter|Secret|Scared/);
    },
  );

  it('when billing asks for the layout, then the template’s header is the layout’s columns', async () => {
    const res = await http.get('/api/v1/attendance/csv-template').set(users.billing.auth);
    expect(res.status).to.equal(200);
    expect(res.type).to.equal('text/csv');
    expect(res.text.split('\r\n')[0]).to.equal(HEADER);
  });

  it('when billing tries to import, then it is refused (403) before the file is read', async () => {
    const knee = await openKneeCase(http, users.billing, users.clinician);
    expect((await upload(knee.id, EXPORT, users.billing)).status).to.equal(403);
  });
});
