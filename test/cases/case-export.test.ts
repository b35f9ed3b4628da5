import { expect } from 'chai';
import { testApp, makeUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

describe('cases: the CSV export in the clinic’s words', () => {
  it(
    'when billing exports a case assigned to Renée Côté for Zoë Núñez, then the file starts with a UTF-8 BOM ' +
      'and shows the status, plan and category in words and the assignee by name, never an id',
    async () => {
      const { http } = testApp();
      const billing = await makeUser('billing');
      const assignee = await makeUser('billing', 'Renée Côté');
      const created = await http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(
          caseBody({
            patient: { ...caseBody().patient, firstName: 'Zoë', lastName: 'Núñez' },
            assigneeId: assignee.id,
          }),
        );
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const res = await http.get('/api/v1/cases/export.csv').set(billing.auth).buffer(true);
      const bytes = Buffer.from(res.text, 'utf8');
      expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const [header, row] = res.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      expect(header).to.contain('status').and.contain('treating_clinician,assigned_to');
      expect(row).to.contain('"Núñez, Zoë"');
      expect(row).to.contain(',New,Internal appeal,Standard,');
      expect(row).to.contain('Employer group (ERISA)').and.contain('Medical necessity');
      expect(row).to.match(/,Dr\. Priya Natarajan,Renée Côté$/);
      expect(res.text).not.to.contain(assignee.id);
    },
  );
});
